/**
 * What kind of actor this is, for capabilities that show different things to different roles (a
 * trainer's list of their groups, a coordinator's list of all). The only place outside the pure
 * policy that reads `actor.role`; whether the actor may touch an object is decided by the
 * `require…` functions of this module, never by these alone.
 */
import type { Actor } from '$lib/domain/policy';

type WithRole = Pick<Actor, 'role'>;

export const isParticipant = (actor: WithRole): boolean => actor.role === 'participant';
export const isTrainer = (actor: WithRole): boolean => actor.role === 'trainer';
export const isSignificantOther = (actor: WithRole): boolean => actor.role === 'significant_other';
export const isCoordinator = (actor: WithRole): boolean => actor.role === 'coordinator';
/** Trainers and coordinators: the people who work for the organisation. */
export const isStaff = (actor: WithRole): boolean => actor.role === 'trainer' || actor.role === 'coordinator';
