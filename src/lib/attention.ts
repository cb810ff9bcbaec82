/** Words for the attention list's counts (messages attention_count_*). */
import { m } from '$lib/paraglide/messages.js';

const counts: Record<string, (inputs: { count: string }) => string> = {
	help_request: m.attention_count_help_request,
	unread_message: m.attention_count_unread_message,
	never_signed_in: m.attention_count_never_signed_in,
	no_check_in: m.attention_count_no_check_in,
	practice_not_done: m.attention_count_practice_not_done,
	intake_not_done: m.attention_count_intake_not_done
};

/** "2 participants: open help request", for one reason of the attention list. */
export function attentionCountText(reason: string, count: number): string {
	return counts[reason]?.({ count: String(count) }) ?? `${reason}: ${count}`;
}
