// The digest's only style sheet, inlined: one file that reads on a phone, with no remote fonts,
// images or scripts. Status is never carried by colour alone (marks and words go with it).
export const DIGEST_CSS = `
:root{color-scheme:light dark;--fg:#1b1f24;--muted:#57606a;--bg:#fff;--line:#d0d7de;--soft:#f6f8fa;
--ok:#1a7f37;--okbg:#dafbe1;--warn:#9a6700;--warnbg:#fff8c5;--bad:#cf222e;--badbg:#ffebe9;--info:#0969da}
@media (prefers-color-scheme:dark){:root{--fg:#e6edf3;--muted:#9198a1;--bg:#0d1117;--line:#3d444d;--soft:#151b23;
--ok:#3fb950;--okbg:#12261e;--warn:#d29922;--warnbg:#272115;--bad:#f85149;--badbg:#25171c;--info:#4493f8}}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--fg);font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;
-webkit-text-size-adjust:100%;overflow-wrap:anywhere}
main{max-width:60rem;margin:0 auto;padding:1rem}
h1{font-size:1.4rem;line-height:1.3;margin:.2rem 0 .6rem}
h2{font-size:1.15rem;margin:1.6rem 0 .5rem;padding-bottom:.2rem;border-bottom:1px solid var(--line)}
h3{font-size:1rem;margin:1.1rem 0 .4rem}
a{color:var(--info)}
.tag{display:inline-block;font-size:.75rem;font-weight:600;padding:.05rem .45rem;border:1px solid var(--line);border-radius:1rem;vertical-align:middle}
dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:.15rem .8rem;margin:.4rem 0}
dl.facts dt{color:var(--muted)}dl.facts dd{margin:0}
ul.counts{display:flex;flex-wrap:wrap;gap:.4rem;list-style:none;padding:0;margin:.6rem 0}
ul.counts li{background:var(--soft);border:1px solid var(--line);border-radius:.4rem;padding:.15rem .5rem;font-size:.9rem}
.scroll{overflow-x:auto;-webkit-overflow-scrolling:touch;border:1px solid var(--line);border-radius:.4rem}
table{border-collapse:collapse;width:100%;font-size:.9rem}
th,td{border-bottom:1px solid var(--line);padding:.3rem .45rem;text-align:left;vertical-align:top}
th{background:var(--soft);font-weight:600}
td.n,th.n{white-space:nowrap}
table.matrix .c{text-align:center;font-weight:700;min-width:1.8rem;white-space:nowrap}
table.matrix th.sec{position:sticky;left:0;z-index:1;background:var(--bg);min-width:8rem;max-width:13rem;font-size:.85rem}
table.matrix th.sec .st{font-size:.75rem}
.c-reviewed,.st-covered,.st-resolved,.st-unchanged{color:var(--ok);background:var(--okbg)}
.c-commented,.c-replied,.st-partial,.st-answered,.st-changed{color:var(--warn);background:var(--warnbg)}
.c-none,.st-none,.st-open,.st-dropped{color:var(--bad);background:var(--badbg)}
.st-new{color:var(--info)}
.st{display:inline-block;border-radius:.3rem;padding:0 .35rem;font-size:.85rem;font-weight:600;white-space:nowrap}
.muted,.legend{color:var(--muted);font-size:.85rem}
ul.items{padding-left:1.1rem}ul.items li{margin:.35rem 0}
.why{color:var(--muted);font-size:.9rem}
blockquote{margin:.3rem 0;padding:.1rem .6rem;border-left:3px solid var(--line);color:var(--muted);white-space:pre-wrap}
pre{tab-size:4;-moz-tab-size:4;background:var(--soft);border:1px solid var(--line);border-radius:.4rem;padding:.5rem;overflow-x:auto;font-size:.8rem;line-height:1.35}
pre .add{color:var(--ok)}pre .del{color:var(--bad)}pre .hdr{color:var(--info);font-weight:600}
code{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:.85em}
hr{border:0;border-top:2px solid var(--line);margin:2rem 0}
.sev-high{color:var(--bad)}.sev-warn{color:var(--warn)}.sev-info{color:var(--info)}
.st-settled{color:var(--ok);background:var(--okbg)}.st-waiting-reviewer{color:var(--warn);background:var(--warnbg)}.st-waiting-author{color:var(--bad);background:var(--badbg)}
ol.subs{padding-left:1.6rem}ol.subs>li{margin:.9rem 0;padding-bottom:.7rem;border-bottom:1px solid var(--line)}
ol.subs blockquote{color:var(--fg)}
ul.pending{padding-left:1rem;margin:.3rem 0;font-size:.9rem}ul.pending li{margin:.3rem 0}
.spoke{color:var(--ok);font-weight:600}
`;
