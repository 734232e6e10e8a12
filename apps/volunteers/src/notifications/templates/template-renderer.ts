import { CONTENT_LOCALES, type ContentLocale, type NotificationType } from '@birgemiz/contracts';
import { chooseLocale, convertScript } from '@birgemiz/locales';
import { escapeHtml, headerSafe, safeHref } from './html-escape';
import { MESSAGE_TEMPLATES, NEWSLETTER_FOOTER, type MessageTemplate, type TemplateBlock } from './message-templates';

export interface DigestItem {
  title: string;
  summary: string;
  url: string;
}

export interface RenderInput {
  type: NotificationType;
  /** The recipient's locale; the nearest available template is used (kk-Latn from kk-Cyrl by transliteration). */
  locale: ContentLocale;
  variables: Record<string, string | number>;
  /** Articles of a digest. */
  items?: DigestItem[];
  /** Newsletter footer links (manage preferences, unsubscribe). */
  footer?: { manageUrl: string; unsubscribeUrl: string };
}

export interface RenderedMessage {
  requestedLocale: ContentLocale;
  locale: ContentLocale;
  subject: string;
  html: string;
  text: string;
}

const VARIABLE = /\{\{(\w+)\}\}/g;

/** Renders subject, HTML and plain-text parts of one notification; every variable is escaped in the HTML part. */
export function renderMessage(input: RenderInput): RenderedMessage {
  const set = MESSAGE_TEMPLATES[input.type];
  const available = CONTENT_LOCALES.filter((l) => set[l]);
  const choice = chooseLocale(input.locale, available);
  if (!choice) throw new Error(`no template for ${input.type}`);
  const template = inScript(set[choice.source]!, choice.source, choice.served);
  const vars = input.variables;
  const fill = (text: string, escape: (s: string) => string) =>
    text.replace(VARIABLE, (_m, name: string) => {
      const value = vars[name];
      if (value === undefined) throw new Error(`template ${input.type} needs variable ${name}`);
      return escape(String(value));
    });
  const plain = (s: string) => s;

  const subject = headerSafe(fill(template.subject, plain));
  const textParts: string[] = [];
  const htmlParts: string[] = [];
  for (const block of template.blocks) {
    if (block.kind === 'p') {
      textParts.push(fill(block.text, plain));
      htmlParts.push(`<p style="margin:0 0 16px">${fill(block.text, escapeHtml)}</p>`);
    } else if (block.kind === 'link') {
      const url = String(vars[block.url] ?? '');
      if (!url) throw new Error(`template ${input.type} needs variable ${block.url}`);
      textParts.push(`${block.label}: ${url}`);
      htmlParts.push(
        `<p style="margin:0 0 16px"><a href="${safeHref(url)}" style="display:inline-block;padding:10px 18px;background:#0b6e4f;color:#ffffff;text-decoration:none;border-radius:4px">${escapeHtml(block.label)}</a></p>`,
      );
    } else {
      for (const item of input.items ?? []) {
        textParts.push(`${item.title}\n${item.summary}\n${item.url}`);
        htmlParts.push(
          `<h3 style="margin:0 0 4px"><a href="${safeHref(item.url)}">${escapeHtml(item.title)}</a></h3><p style="margin:0 0 16px">${escapeHtml(item.summary)}</p>`,
        );
      }
    }
  }
  if (input.footer) {
    const labels = footerLabels(choice.served);
    textParts.push(`--\n${labels.manage}: ${input.footer.manageUrl}\n${labels.unsubscribe}: ${input.footer.unsubscribeUrl}`);
    htmlParts.push(
      `<hr><p style="font-size:12px;color:#666666"><a href="${safeHref(input.footer.manageUrl)}">${escapeHtml(labels.manage)}</a> · <a href="${safeHref(input.footer.unsubscribeUrl)}">${escapeHtml(labels.unsubscribe)}</a></p>`,
    );
  }
  const lang = choice.served === 'kk-Cyrl' ? 'kk' : choice.served === 'kk-Latn' ? 'kk-Latn' : choice.served;
  const html = `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head><body style="font-family:Arial,sans-serif;font-size:15px;line-height:1.5;color:#1a1a1a">${htmlParts.join('')}</body></html>`;
  return { requestedLocale: input.locale, locale: choice.served, subject, html, text: `${textParts.join('\n\n')}\n` };
}

function inScript(template: MessageTemplate, from: ContentLocale, to: ContentLocale): MessageTemplate {
  if (from === to) return template;
  const convert = (s: string) => convertScript(s, from, to);
  return {
    subject: convert(template.subject),
    blocks: template.blocks.map((b): TemplateBlock => (b.kind === 'p' ? { kind: 'p', text: convert(b.text) } : b.kind === 'link' ? { ...b, label: convert(b.label) } : b)),
  };
}

function footerLabels(locale: ContentLocale): { manage: string; unsubscribe: string } {
  if (locale === 'kk-Latn') {
    const cyrl = NEWSLETTER_FOOTER['kk-Cyrl'];
    return { manage: convertScript(cyrl.manage, 'kk-Cyrl', 'kk-Latn'), unsubscribe: convertScript(cyrl.unsubscribe, 'kk-Cyrl', 'kk-Latn') };
  }
  return NEWSLETTER_FOOTER[locale];
}
