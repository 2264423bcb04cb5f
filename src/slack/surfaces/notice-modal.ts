import type { ModalView } from '@slack/types';
import { section } from './blocks.ts';
import { modal } from './modal-parts.ts';

/** A read-only modal: how a button pressed in App Home or a DM answers with an explanation. */
export function noticeModal(title: string, text: string): ModalView {
  return modal('notice_modal', title, undefined, [section(text)]);
}
