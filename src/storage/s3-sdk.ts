/**
 * The parts of the AWS SDK that storage/s3.ts uses, in a module of their own
 * so that SnapshotStore.open() can import them when a capability first talks
 * to S3: `kubekeep --help`, or a run that fails on its inputs, does not parse
 * the 1.1 MB SDK (bench/startup).
 */
export {
  AbortMultipartUploadCommand,
  DeleteObjectsCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  ListMultipartUploadsCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
} from "@aws-sdk/client-s3";
export { Upload } from "@aws-sdk/lib-storage";
