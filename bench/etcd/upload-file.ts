// The benchmark peer's second step: upload a file to S3 the way `aws s3 cp`
// does (multipart, 8 MiB parts, 10 in parallel: the AWS CLI's defaults).
// Usage: node bench/etcd/upload-file.ts <file> <bucket> <key>  (endpoint and credentials from the environment)
import fs from "node:fs";
import { S3Client } from "@aws-sdk/client-s3";
import { Upload } from "@aws-sdk/lib-storage";

const [file, bucket, key] = process.argv.slice(2) as [string, string, string];
const client = new S3Client({
  endpoint: process.env.BENCH_S3_ENDPOINT,
  region: process.env.AWS_REGION ?? "us-east-1",
  forcePathStyle: true,
});
await new Upload({
  client,
  queueSize: 10,
  partSize: 8 * 1024 * 1024,
  params: { Bucket: bucket, Key: key, Body: fs.createReadStream(file) },
}).done();
client.destroy();
