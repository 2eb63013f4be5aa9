import { statusPageScript } from './status-script.js';
import { statusPageStyle } from './status-style.js';

/**
 * The page itself: one HTML document with its CSS and JS inline (allowed by the response's CSP
 * nonce), so nothing is fetched from anywhere else. It holds no data: the script fills it from
 * the event stream, through `textContent` only, so no model name or error message can inject
 * markup.
 */
export function statusPageHtml(nonce: string, decisionLimit: number): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>modelmux status</title>
<style nonce="${nonce}">${statusPageStyle}</style>
</head>
<body data-decisions="${decisionLimit}">
<header>
  <h1>modelmux <span class="muted">status</span></h1>
  <div id="connection" class="connection" data-state="connecting"><span class="dot"></span><span id="connection-text">connecting</span></div>
</header>
<section class="totals" id="totals">
  <div class="tile"><div class="label">calls</div><div class="value" id="total-calls">0</div></div>
  <div class="tile"><div class="label">succeeded</div><div class="value" id="total-successes">0</div></div>
  <div class="tile"><div class="label">failed</div><div class="value" id="total-failures">0</div></div>
  <div class="tile"><div class="label">cost</div><div class="value" id="total-cost">$0</div></div>
  <div class="tile"><div class="label">store</div><div class="value" id="store">-</div></div>
</section>
<section>
  <h2>Targets</h2>
  <div class="scroll"><table id="targets">
    <thead><tr><th>target</th><th>model</th><th>health</th><th class="num">latency</th><th class="num">first token</th><th class="num">in flight</th><th class="num">attempts</th><th class="num">errors</th><th>rate-limit headroom</th><th class="num">cost</th></tr></thead>
    <tbody></tbody>
  </table></div>
</section>
<section>
  <h2>Routes</h2>
  <table id="routes">
    <thead><tr><th>route</th><th>strategy</th><th>targets</th><th class="num">calls</th><th class="num">succeeded</th><th class="num">failed</th><th class="num">cost</th></tr></thead>
    <tbody></tbody>
  </table>
</section>
<section>
  <h2>Recent decisions <span class="muted" id="decision-count"></span></h2>
  <ol id="decisions"></ol>
</section>
<footer class="muted">Live over Server-Sent Events. Updated <span id="updated">never</span>.</footer>
<script nonce="${nonce}">${statusPageScript}</script>
</body>
</html>
`;
}
