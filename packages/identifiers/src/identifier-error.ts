/**
 * A refusal with a stable `code` to branch on and a message in both languages the portals show, so that no caller
 * writes its own wording of a rule. `position` (1-based) points at the offending character when there is one.
 */
export interface IdentifierError<Code extends string = string> {
  readonly code: Code;
  readonly message: string;
  readonly messageZh: string;
  readonly position?: number;
}

/** A parse either succeeds with the identifier's parts or fails with exactly one error, the first rule broken. */
export type ParseResult<Parts, Code extends string> =
  | ({ readonly ok: true } & Parts)
  | { readonly ok: false; readonly error: IdentifierError<Code> };
