/** The sandbox's TransactionLink records: what the state holds, before rendering to responses. */
import type { EnrollmentResponse, UserResponse, WorkspaceResponse } from '@rollcall/transactionlink-fetch';

export type UserStatus = NonNullable<UserResponse['status']>;
export type EnrollmentStatus = EnrollmentResponse['status'];
export type WorkspaceType = NonNullable<WorkspaceResponse['workspaceType']>;

export const ENROLLMENT_STATUSES: ReadonlyArray<EnrollmentStatus> = ['PENDING', 'ACCEPTED', 'EXPIRED', 'CANCELLED'];

export interface UserRecord {
  readonly id: string;
  email: string;
  idpId: string | null;
  roleId: string;
  firstName: string | null;
  lastName: string | null;
  title: string | null;
  status: UserStatus;
  /** Epoch ms. Users are listed by (createdAt, id). */
  readonly createdAt: number;
  lastLoginAt: number | null;
}

export interface WorkspaceAssignment {
  readonly workspaceId: string;
  readonly roleId: string;
}

export interface EnrollmentRecord {
  readonly id: string;
  /** Creation order; enrollments are listed by it. */
  readonly seq: number;
  readonly email: string;
  status: EnrollmentStatus;
  /** Epoch ms, or null (some old enrollments carry none). */
  lastInvitationSentAt: number | null;
  readonly roleId: string;
  readonly firstName: string | null;
  readonly lastName: string | null;
  readonly title: string | null;
  readonly workspaceAssignments: ReadonlyArray<WorkspaceAssignment>;
}

export interface OrganizationRole {
  readonly id: string;
  readonly name: 'owner' | 'admin' | 'member';
}

export interface Workspace {
  readonly id: string;
  readonly name: string;
  readonly workspaceType: WorkspaceType;
  readonly createdAt: number;
}

export interface WorkspaceRole {
  readonly id: string;
  readonly workspaceId: string;
  readonly name: string;
  readonly type: string;
  readonly createdAt: number;
}
