/**
 * export's inputs and typed config. They live with the domain
 * (export/config.ts): the worker thread that cleans and writes the objects
 * takes the whole config, and apply shares the selection inputs.
 */
export { exportInputs, parseExportConfig, type ExportConfig } from "../../export/config.ts";
