import type { ModalView } from '@slack/types';
import { CALLBACK } from '../ids.ts';
import { section } from './blocks.ts';
import { modal } from './modal-parts.ts';

/** A read-only modal: how a button pressed in App Home or a DM answers with an explanation. */
export function noticeModal(title: string, text: string): ModalView {
  return modal(CALLBACK.notice, title, undefined, [section(text)]);
}
