/** The page's CSS (inline; no fonts or images fetched). */
export const statusPageStyle = `
:root { color-scheme: dark; --bg: #0f1419; --panel: #161c24; --line: #253040; --text: #d7dee8;
  --muted: #7d8a9c; --ok: #3fb950; --warn: #d29922; --bad: #f85149; --cool: #58a6ff; }
* { box-sizing: border-box; }
body { margin: 0; padding: 20px 28px; background: var(--bg); color: var(--text);
  font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
header { display: flex; align-items: center; justify-content: space-between; }
h1 { font-size: 20px; margin: 0; letter-spacing: .2px; }
h2 { font-size: 15px; margin: 22px 0 8px; }
.muted { color: var(--muted); font-weight: normal; }
.connection { display: flex; gap: 8px; align-items: center; color: var(--muted); }
.dot { width: 9px; height: 9px; border-radius: 50%; background: var(--warn); }
.connection[data-state="live"] .dot { background: var(--ok); }
.connection[data-state="lost"] .dot { background: var(--bad); }
.totals { display: grid; grid-template-columns: repeat(5, minmax(110px, 1fr)); gap: 10px; margin-top: 16px; }
.tile { background: var(--panel); border: 1px solid var(--line); border-radius: 8px; padding: 10px 14px; }
.tile .label { color: var(--muted); font-size: 12px; text-transform: uppercase; letter-spacing: .5px; }
.tile .value { font-size: 22px; font-variant-numeric: tabular-nums; }
table { width: 100%; border-collapse: collapse; background: var(--panel); border: 1px solid var(--line); border-radius: 8px; overflow: hidden; }
th, td { text-align: left; padding: 7px 9px; border-bottom: 1px solid var(--line); white-space: nowrap; }
th { color: var(--muted); font-weight: 500; font-size: 12px; }
td[data-field="model"], td[data-field="limits"] { white-space: normal; }
.scroll { overflow-x: auto; }
tr:last-child td { border-bottom: none; }
.num { text-align: right; font-variant-numeric: tabular-nums; }
.badge { display: inline-block; padding: 1px 9px; border-radius: 10px; font-size: 12px; font-weight: 600; }
.badge[data-state="closed"] { background: #12361f; color: var(--ok); }
.badge[data-state="half-open"] { background: #3a2d0c; color: var(--warn); }
.badge[data-state="open"] { background: #42171a; color: var(--bad); }
.badge[data-state="cooling-down"] { background: #132b47; color: var(--cool); }
tr.flash td { animation: flash 1.2s ease-out; }
@keyframes flash { from { background: #3a2d0c; } to { background: transparent; } }
ol { list-style: none; margin: 0; padding: 0; }
#decisions li { background: var(--panel); border: 1px solid var(--line); border-radius: 8px; margin-bottom: 6px; }
summary { cursor: pointer; padding: 6px 10px; display: flex; gap: 12px; align-items: baseline; font-variant-numeric: tabular-nums; }
summary .time { color: var(--muted); }
.outcome-success { color: var(--ok); } .outcome-failed, .outcome-interrupted { color: var(--bad); }
.outcome-rejected, .outcome-aborted { color: var(--warn); }
.path .failed { color: var(--bad); } .path .ok { color: var(--ok); } .path .skipped { color: var(--muted); text-decoration: line-through; }
details table { border: none; border-top: 1px solid var(--line); border-radius: 0; }
td.warn, .value.warn { color: var(--warn); }
.meta { padding: 4px 10px; }
footer { margin-top: 18px; font-size: 12px; }
`;
