import { InvalidTemplateError, MessagingError, MessagingErrorCode, MissingVariablesError } from '../domain';
import type { ComposeOutcome, ComposeRequest, MessageComposer } from './message-composer';
import type { MessageChanges } from './ports';

/** Composes a message a sender asked for; a template it cannot render is refused, naming the variables. */
export async function composeOrRefuse(
  composer: MessageComposer,
  tx: MessageChanges,
  request: ComposeRequest,
  field = '',
): Promise<ComposeOutcome> {
  try {
    return await composer.compose(tx, request);
  } catch (error) {
    if (error instanceof MissingVariablesError) {
      throw new MessagingError(
        MessagingErrorCode.MISSING_VARIABLES,
        `The template needs: ${error.missing.join(', ')}.`,
        error.missing.map((name) => ({ field: `${field}variables.${name}`, message: 'required by the template' })),
      );
    }
    if (error instanceof InvalidTemplateError) {
      throw new MessagingError(MessagingErrorCode.INVALID_TEMPLATE, error.message);
    }
    throw error;
  }
}

/** Why a sender's message was not made: no template for the recipient's channel, or a recipient out of reach. */
export function refusalOf(outcome: ComposeOutcome, field = ''): MessagingError {
  if (outcome.kind === 'no-template') {
    return new MessagingError(
      MessagingErrorCode.UNKNOWN_TEMPLATE,
      `No template ${outcome.templateKey} for this channel.`,
      [{ field: `${field}templateKey`, message: 'unknown for the recipient’s channel' }],
    );
  }
  const reason = outcome.kind === 'skipped' ? outcome.reason : 'UNKNOWN_PERSON';
  if (reason === 'OPTED_OUT') {
    return new MessagingError(MessagingErrorCode.OPTED_OUT, 'This person opted out of non-essential messages.');
  }
  return new MessagingError(MessagingErrorCode[reason], 'The recipient cannot be reached.', [
    { field: `${field}personId`, message: reason.toLowerCase().replace(/_/g, ' ') },
  ]);
}
