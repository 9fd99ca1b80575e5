/** The TransactionLink data types (generated from the spec) and the error union of its calls. */
import type { EnrollmentResponse } from '@rollcall/transactionlink-fetch';
import type { ApiError } from '../core/errors.js';

export type {
  EnrollmentPageResponse,
  EnrollmentResponse,
  EnrollUserRequest,
  ErrorResponse,
  OrganizationRoleResponse,
  ReinstateUserRequest,
  RoleRefResponse,
  UpdateUserProfileRequest,
  UpdateUserRoleRequest,
  UserPageResponse,
  UserProfileResponse,
  UserResponse,
  WorkspaceAssignmentRequest,
  WorkspaceMembershipResponse,
  WorkspaceResponse,
} from '@rollcall/transactionlink-fetch';

/** Status of an enrollment (invitation). */
export type EnrollmentStatus = EnrollmentResponse['status'];

/** Every status, in the order the API documents them. */
export const ENROLLMENT_STATUSES: ReadonlyArray<EnrollmentStatus> = ['PENDING', 'ACCEPTED', 'EXPIRED', 'CANCELLED'];

/** Every error a TransactionLink call can fail with. */
export type TransactionLinkError = ApiError;
