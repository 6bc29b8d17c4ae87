import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';

/** A report file as the routes produce it: generated piece by piece, never held whole by them. */
export interface ReportDownload {
  readonly fileName: string;
  readonly contentType: string;
  readonly body: AsyncIterable<string>;
}

/** How a report reaches the officer's browser: the answer to the export request. */
export type DeliverDownload = (download: ReportDownload) => Promise<APIGatewayProxyStructuredResultV2>;

/** Only names the routes make (`discrepancies-2026-11-22.csv`): nothing to escape in a header or an object key. */
const FILE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,120}$/;

export const attachment = (fileName: string): string => {
  if (!FILE_NAME.test(fileName)) throw new TypeError(`Not a download file name: ${fileName}`);
  return `attachment; filename="${fileName}"`;
};

/**
 * The file in the answer itself. For the local runtime, which has no size limit on an answer; behind API Gateway a
 * Lambda answer stops at 6 MB, so the deployed console hands files out from S3 instead (`s3-downloads.ts`).
 */
export const inlineDownloads: DeliverDownload = async ({ fileName, contentType, body }) => {
  const parts: string[] = [];
  for await (const part of body) parts.push(part);
  return {
    statusCode: 200,
    headers: {
      'content-type': contentType,
      'content-disposition': attachment(fileName),
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
    },
    body: parts.join(''),
  };
};
