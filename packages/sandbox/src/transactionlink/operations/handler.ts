import type { OperationHandler } from '../../core/api-module.js';
import type { TokenGrant } from '../tokens.js';

/** A TransactionLink operation handler: called with the caller's token grant. */
export type Handler = OperationHandler<TokenGrant>;
