// Small synthetic messages for cases the corpus lacks (written here, not copied from real mail).
export interface MkOpts { id: string; subject: string; from?: string; date?: string; replyTo?: string; refs?: string[]; body?: string; cc?: string }

const DIFF = 'diff --git a/f.c b/f.c\nindex 1111111..2222222 100644\n--- a/f.c\n+++ b/f.c\n@@ -1 +1 @@\n-a\n+b\n';

export function mk(o: MkOpts): string {
  const h = [
    `From: ${o.from ?? 'Ann Author <ann@example.org>'}`,
    `Subject: ${o.subject}`,
    `Date: ${o.date ?? 'Mon, 3 Mar 2025 10:00:00 +0000'}`,
    `Message-ID: <${o.id}>`,
  ];
  if (o.cc) h.push(`Cc: ${o.cc}`);
  if (o.replyTo) h.push(`In-Reply-To: <${o.replyTo}>`, `References: ${(o.refs ?? [o.replyTo]).map((r) => `<${r}>`).join(' ')}`);
  const patchy = /\[.*PATCH[^\]]*\]/.test(o.subject) && !/^Re:/i.test(o.subject) && !/ 0\/\d+\]/.test(o.subject);
  const body = o.body ?? (patchy ? `Change.\n\nSigned-off-by: Ann Author <ann@example.org>\n---\n${DIFF}-- \n2.43.0\n` : 'Text.\n');
  return `From mailer Mon Mar  3 10:00:00 2025\n${h.join('\n')}\n\n${body}\n`;
}

export function mbox(...msgs: MkOpts[]): Buffer {
  return Buffer.from(msgs.map(mk).join(''));
}
