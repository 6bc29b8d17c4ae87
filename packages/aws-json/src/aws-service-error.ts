/** What an AWS JSON-protocol response said about itself, as the SDK's `$metadata`. */
export interface ResponseMetadata {
  httpStatusCode?: number;
  requestId?: string;
  attempts?: number;
  totalRetryDelay?: number;
}

/**
 * An error answered by an AWS service (`ConditionalCheckFailedException`, `ThrottlingException`, …). `name` is the
 * service's error type, as with the SDK, so the platform's checks (`error.name === '…'`, `translateStorageError`)
 * read it the same way; the body's other fields (DynamoDB's `Item`, `CancellationReasons`) are copied onto it.
 */
export class AwsServiceError extends Error {
  readonly $fault: 'client' | 'server';
  readonly $metadata: ResponseMetadata;
  [member: string]: unknown;

  constructor(name: string, message: string, fault: 'client' | 'server', metadata: ResponseMetadata) {
    super(message);
    this.name = name;
    this.$fault = fault;
    this.$metadata = metadata;
  }
}

/** `com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException:http://…` → `ConditionalCheckFailedException`. */
const errorType = (raw: unknown): string => {
  let clean = String(raw);
  if (clean.includes(',')) clean = clean.split(',')[0] as string;
  if (clean.includes(':')) clean = clean.split(':')[0] as string;
  if (clean.includes('#')) clean = clean.split('#')[1] as string;
  return clean;
};

/** The error an unsuccessful response stands for; `decodeMembers` turns service-specific fields into values. */
export const serviceError = (
  statusCode: number,
  headers: Readonly<Record<string, string>>,
  body: string,
  metadata: ResponseMetadata,
  decodeMembers: (data: Record<string, unknown>) => Record<string, unknown> = () => ({}),
): AwsServiceError => {
  let data: Record<string, unknown> = {};
  try {
    const parsed = body ? JSON.parse(body) : {};
    if (parsed && typeof parsed === 'object') data = parsed as Record<string, unknown>;
  } catch {
    // Not JSON (a proxy's error page): the status code and headers still classify it.
  }
  const rawType = data.__type ?? data.code ?? headers['x-amzn-errortype'];
  const name = rawType !== undefined ? errorType(rawType) : `Http${statusCode}`;
  const message = String(data.message ?? data.Message ?? `${name} (HTTP ${statusCode})`);
  const error = new AwsServiceError(name, message, statusCode < 500 ? 'client' : 'server', metadata);
  for (const [key, value] of Object.entries(data)) {
    if (key !== '__type' && key !== 'message' && key !== 'Message' && value !== undefined) error[key] = value;
  }
  Object.assign(error, decodeMembers(data));
  return error;
};

/** The error a call finally throws, with how many attempts it took (`$metadata.attempts`, as the SDK's). */
export const stampAttempts = (error: unknown, attempts: number, totalRetryDelay: number): unknown => {
  const thrown = error instanceof Error ? error : new Error(String(error));
  const target = thrown as Error & { $metadata?: ResponseMetadata };
  target.$metadata = { ...target.$metadata, attempts, totalRetryDelay };
  return thrown;
};
