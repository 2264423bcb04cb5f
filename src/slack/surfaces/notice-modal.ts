import type { Button, ModalView } from '@slack/types';
import { CALLBACK } from '../ids.ts';
import { section } from './blocks.ts';
import { modal } from './modal-parts.ts';

/** A read-only modal: how a button pressed in App Home or a DM answers with an explanation; `next` offers one next step. */
export function noticeModal(title: string, text: string, next?: Button): ModalView {
  return modal(CALLBACK.notice, title, undefined, [section(text, next)]);
}
