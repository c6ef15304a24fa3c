import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);

// src/core/using.ts
async function using(open, close, fn) {
  const resource = await open;
  try {
    return await fn(resource);
  } finally {
    await close(resource);
  }
}

export {
  using
};
