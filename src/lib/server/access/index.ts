/**
 * The one door for "may this actor do this to this object". Every capability asks here first, before
 * its transaction; the rules themselves are the pure, table-tested functions of `$lib/domain/policy`.
 * Refusals throw the error vocabulary of `../errors` (NotFound hides whether another organisation's
 * object exists) and write a failure row in the access log. No server module outside this folder
 * compares `actor.role` (src/lib/server/architecture.test.ts).
 */
export { requireCalendarGroup, type CalendarGroup } from './calendar';
export { findTrainedGroup, requireGroupTrainer, type TrainedGroup } from './groups';
export {
	findMemberGroup,
	requireMemberGroup,
	requireTrainedSession,
	type MemberGroup,
	type TrainedSession
} from './live';
export { requireOrganisationMedia } from './media';
export { requireParticipantInGroup, type GroupParticipantScope } from './group-participants';
export { requireCoordinator, requireOrganisationStaff, requireTrainer } from './organisation';
export { findParticipantScope, requireParticipantAccess, type ParticipantScope } from './participants';
export * from './people';
export { logRefusalOf, recordRefusal } from './refusal';
export { isCoordinator, isParticipant, isSignificantOther, isStaff, isTrainer } from './roles';
export {
	requireOwnCopingTool,
	requireOwnSupportPerson,
	requireOwnWorkbook,
	type OwnCopingTool,
	type OwnSupportPerson,
	type OwnWorkbook,
	type OwnWorkbookPart
} from './toolbox';
export {
	findBoard,
	requireBoard,
	requireBoardPost,
	requireBoardSettings,
	type BoardPostScope,
	type BoardScope
} from './board';
export {
	findPlanReader,
	requireOwnLink,
	requireOwnPlan,
	requirePlanReader,
	requireSharedGoal,
	type PlanReader
} from './plan';
export {
	requireFidelityAssessment,
	requireFidelityGroup,
	type FidelityAssessmentScope,
	type FidelityGroup
} from './fidelity';
export {
	requireBulkExporter,
	requireOwnExport,
	requireParticipantExport,
	type FhirExportScope
} from './fhir';
export { requireOwnPrivacy } from './privacy';
export { requireUsageGroup, requireUsageOrganisation, type UsageGroup } from './usage';
export { requireExportableStudy, requireStudyReader } from './research';
