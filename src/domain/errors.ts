/** A problem the person can fix; its message is shown to them as is. */
export class UserError extends Error {
  override name = 'UserError';
  constructor(
    message: string,
    readonly usage?: string,
  ) {
    super(message);
  }
}

/** The person is in no pairing: told how to join the program rather than about an admin command. */
export class NotPairedError extends UserError {
  override name = 'NotPairedError';
  constructor(message = "You're not in a pairing yet.") {
    super(message);
  }
}

/** The person may not see or change this; the message never reveals what exists. */
export class AccessError extends UserError {
  override name = 'AccessError';
}

/** Input that fails a rule only the server can check; keyed by the field (the modal's block_id). */
export class FieldErrors extends UserError {
  override name = 'FieldErrors';
  constructor(readonly fields: Record<string, string>) {
    super(Object.values(fields).join(' '));
  }
}
