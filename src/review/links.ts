// Links from Message-IDs: lore's /all/ inbox finds a message whatever list it went to.

/** `https://lore.kernel.org/all/<msgid>/`, with characters a URL path cannot carry percent-encoded. */
export function loreUrl(msgid: string): string {
  const id = msgid.replace(/^<|>$/g, '');
  return `https://lore.kernel.org/all/${encodeURIComponent(id).replace(/%40/g, '@')}/`;
}
