// Block Kit / message / view limits from /work/shared/slack-platform.md, checked offline.
// Slack has no official offline schema, so the fake runs this on every payload it receives:
// a payload that real Slack would reject (invalid_blocks, view_too_large...) fails the test
// instead of only failing in production. Pure functions: no I/O, no state.

const MESSAGE_METHODS = new Set([
  'chat.postMessage',
  'chat.update',
  'chat.postEphemeral',
  'chat.scheduleMessage',
  'response_url',
]);
const MODAL_METHODS = new Set(['views.open', 'views.push', 'views.update']);

/**
 * Violations of Slack's payload limits for one Web API call (or 'response_url' body, or
 * 'socket_ack' payload). Messages are unprefixed paths, e.g. `view.title: 25 chars (max 24)`.
 */
export function slackLimitViolations(method: string, args: Record<string, any>): string[] {
  const out: string[] = [];
  if (MESSAGE_METHODS.has(method)) checkMessage(args, out);
  else if (MODAL_METHODS.has(method)) checkView(args.view, 'view', out, 'modal');
  else if (method === 'views.publish') checkView(args.view, 'view', out, 'home');
  else if (method === 'socket_ack' || method === 'ack') checkAck(args, out);
  return out;
}

/** An ack body: `response_action` update/push carries a view, anything else is message-like. */
function checkAck(args: Record<string, any>, out: string[]): void {
  if (args.response_action === 'update' || args.response_action === 'push') {
    checkView(args.view, 'view', out, 'modal');
  } else if (args.response_action === 'errors') {
    if (typeof args.errors !== 'object' || args.errors === null) out.push('errors: must be an object');
  } else if (args.response_action === undefined) {
    checkMessage(args, out);
  }
}

function checkMessage(args: Record<string, any>, out: string[]): void {
  if (args.blocks === undefined) return;
  if (!Array.isArray(args.blocks)) {
    out.push('blocks: must be an array');
    return;
  }
  // Slack accepts blocks without text, but the notification then says "This content can't be displayed".
  if (typeof args.text !== 'string' || args.text.trim() === '') {
    out.push('text: required as the notification fallback when blocks are sent');
  }
  if (args.blocks.length > 50) out.push(`blocks: ${args.blocks.length} blocks (max 50 per message)`);
  checkBlocks(args.blocks, 'blocks', out);
}

function checkView(view: any, path: string, out: string[], type: 'modal' | 'home'): void {
  if (typeof view !== 'object' || view === null) {
    out.push(`${path}: missing`);
    return;
  }
  if (view.type !== type) out.push(`${path}.type: '${view.type}' (expected '${type}')`);
  const blocks: any[] = Array.isArray(view.blocks) ? view.blocks : [];
  if (!Array.isArray(view.blocks)) out.push(`${path}.blocks: must be an array`);
  if (blocks.length > 100) out.push(`${path}.blocks: ${blocks.length} blocks (max 100)`);
  if (type === 'modal') {
    if (view.title === undefined) out.push(`${path}.title: required`);
    for (const key of ['title', 'submit', 'close'] as const) {
      if (view[key] !== undefined) checkText(view[key], `${path}.${key}`, out, { max: 24, plain: true });
    }
    if (view.submit === undefined && blocks.some((b) => b?.type === 'input')) {
      out.push(`${path}.submit: required when the view has an input block`);
    }
  }
  maxLen(view.private_metadata, 3000, `${path}.private_metadata`, out);
  maxLen(view.callback_id, 255, `${path}.callback_id`, out);
  checkBlocks(blocks, `${path}.blocks`, out);
}

/** Checks each block and its elements; block_id must also be unique within the surface. */
export function checkBlocks(blocks: any[], path: string, out: string[]): void {
  const blockIds = new Set<string>();
  blocks.forEach((block, i) => {
    const where = `${path}[${i}]${block?.block_id ? `(${block.block_id})` : ''}`;
    if (typeof block !== 'object' || block === null || typeof block.type !== 'string') {
      out.push(`${where}: not a block (needs a type)`);
      return;
    }
    if (typeof block.block_id === 'string') {
      if (blockIds.has(block.block_id)) out.push(`${where}.block_id: duplicate '${block.block_id}'`);
      blockIds.add(block.block_id);
    }
    checkBlock(block, where, out);
  });
}

function checkBlock(block: any, where: string, out: string[]): void {
  maxLen(block.block_id, 255, `${where}.block_id`, out);
  switch (block.type) {
    case 'section':
      if (block.text === undefined && block.fields === undefined) out.push(`${where}: section needs text or fields`);
      if (block.text !== undefined) checkText(block.text, `${where}.text`, out, { min: 1, max: 3000 });
      if (block.fields !== undefined) {
        if (!Array.isArray(block.fields)) out.push(`${where}.fields: must be an array`);
        else {
          if (block.fields.length > 10) out.push(`${where}.fields: ${block.fields.length} fields (max 10)`);
          block.fields.forEach((f: any, i: number) => checkText(f, `${where}.fields[${i}]`, out, { min: 1, max: 2000 }));
        }
      }
      break;
    case 'header':
      checkText(block.text, `${where}.text`, out, { min: 1, max: 150, plain: true });
      break;
    case 'context':
      if (!Array.isArray(block.elements)) out.push(`${where}.elements: required`);
      else if (block.elements.length > 10) out.push(`${where}.elements: ${block.elements.length} elements (max 10)`);
      break;
    case 'actions':
      if (!Array.isArray(block.elements)) out.push(`${where}.elements: required`);
      else if (block.elements.length > 25) out.push(`${where}.elements: ${block.elements.length} elements (max 25)`);
      break;
    case 'image':
      if (typeof block.alt_text !== 'string' || block.alt_text.length === 0) out.push(`${where}.alt_text: required`);
      maxLen(block.alt_text, 2000, `${where}.alt_text`, out);
      if ((block.image_url === undefined) === (block.slack_file === undefined)) out.push(`${where}: needs exactly one of image_url and slack_file`);
      if (block.slack_file !== undefined && !block.slack_file.id && !block.slack_file.url) out.push(`${where}.slack_file: needs id or url`);
      break;
    case 'input':
      checkText(block.label, `${where}.label`, out, { min: 1, max: 2000, plain: true });
      if (block.hint !== undefined) checkText(block.hint, `${where}.hint`, out, { max: 2000, plain: true });
      if (block.element === undefined) out.push(`${where}.element: required`);
      break;
  }
  // Every interactive element in this block, wherever it sits (accessory, element, elements[]).
  const elements: Array<[any, string]> = [];
  if (block.accessory !== undefined) elements.push([block.accessory, `${where}.accessory`]);
  if (block.element !== undefined) elements.push([block.element, `${where}.element`]);
  if (Array.isArray(block.elements) && block.type !== 'context' && block.type !== 'rich_text') {
    block.elements.forEach((e: any, i: number) => elements.push([e, `${where}.elements[${i}]`]));
  }
  const actionIds = new Set<string>();
  for (const [el, path] of elements) {
    if (typeof el?.action_id === 'string') {
      if (actionIds.has(el.action_id)) out.push(`${path}.action_id: duplicate '${el.action_id}' in one block`);
      actionIds.add(el.action_id);
    }
    checkElement(el, path, out);
  }
}

function checkElement(el: any, path: string, out: string[]): void {
  if (typeof el !== 'object' || el === null) {
    out.push(`${path}: not an element`);
    return;
  }
  maxLen(el.action_id, 255, `${path}.action_id`, out);
  switch (el.type) {
    case 'button':
      checkText(el.text, `${path}.text`, out, { min: 1, max: 75, plain: true });
      maxLen(el.value, 2000, `${path}.value`, out);
      break;
    case 'plain_text_input':
      if (typeof el.max_length === 'number' && el.max_length > 3000) {
        out.push(`${path}.max_length: ${el.max_length} (max 3000)`);
      }
      break;
    case 'datepicker':
      if (el.initial_date !== undefined && !isIsoDate(el.initial_date)) {
        out.push(`${path}.initial_date: '${el.initial_date}' is not YYYY-MM-DD`);
      }
      break;
    case 'timepicker':
      if (el.initial_time !== undefined && !/^([01]\d|2[0-3]):[0-5]\d$/.test(String(el.initial_time))) {
        out.push(`${path}.initial_time: '${el.initial_time}' is not HH:mm`);
      }
      break;
    case 'number_input':
      if (typeof el.is_decimal_allowed !== 'boolean') out.push(`${path}.is_decimal_allowed: required (boolean)`);
      for (const key of ['min_value', 'max_value', 'initial_value']) {
        if (el[key] !== undefined && typeof el[key] !== 'string') out.push(`${path}.${key}: must be a string`);
      }
      break;
  }
  if (Array.isArray(el.options)) {
    if (el.type === 'static_select' || el.type === 'multi_static_select') {
      if (el.options.length > 100) out.push(`${path}.options: ${el.options.length} options (max 100)`);
    }
    el.options.forEach((o: any, i: number) => checkOption(o, `${path}.options[${i}]`, out));
  }
  if (Array.isArray(el.option_groups)) {
    el.option_groups.forEach((g: any, gi: number) =>
      (g?.options ?? []).forEach((o: any, i: number) => checkOption(o, `${path}.option_groups[${gi}].options[${i}]`, out)),
    );
  }
  if (el.initial_option !== undefined) checkOption(el.initial_option, `${path}.initial_option`, out);
}

function checkOption(o: any, path: string, out: string[]): void {
  checkText(o?.text, `${path}.text`, out, { min: 1, max: 75 });
  if (typeof o?.value !== 'string') out.push(`${path}.value: required string`);
  else maxLen(o.value, 150, `${path}.value`, out);
}

function checkText(t: any, path: string, out: string[], o: { min?: number; max: number; plain?: boolean }): void {
  if (typeof t !== 'object' || t === null || typeof t.text !== 'string') {
    out.push(`${path}: must be a text object {type, text}`);
    return;
  }
  if (o.plain && t.type !== 'plain_text') out.push(`${path}.type: '${t.type}' (must be plain_text)`);
  if (t.type !== 'plain_text' && t.type !== 'mrkdwn') out.push(`${path}.type: '${t.type}' (plain_text or mrkdwn)`);
  if (o.min !== undefined && t.text.length < o.min) out.push(`${path}: empty (min ${o.min} chars)`);
  if (t.text.length > o.max) out.push(`${path}: ${t.text.length} chars (max ${o.max})`);
}

function maxLen(v: unknown, max: number, path: string, out: string[]): void {
  if (typeof v === 'string' && v.length > max) out.push(`${path}: ${v.length} chars (max ${max})`);
}

function isIsoDate(v: unknown): boolean {
  if (typeof v !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(v)) return false;
  const d = new Date(`${v}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(v); // rejects 2024-02-30
}
