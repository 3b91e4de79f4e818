// The portal's only script: served from the server itself (CSP script-src 'self'), no inline code.
// It adds live state and logs; every page works without it.
"use strict";

(function () {
    const pollMs = 1500;

    function onChangeSubmit() {
        document.querySelectorAll("select[data-submit-on-change]").forEach(function (select) {
            select.addEventListener("change", function () { select.form.submit(); });
        });
    }

    async function getJson(url) {
        const response = await fetch(url, { credentials: "same-origin", headers: { "Accept": "application/json" } });
        if (!response.ok) {
            throw new Error(url + ": " + response.status);
        }
        return response.json();
    }

    // Job states: every element with data-job (a job not yet ended) follows its job.
    function followStates() {
        const onJobPage = document.getElementById("job-state") !== null;
        async function tick() {
            const pending = document.querySelectorAll("[data-job]");
            if (pending.length === 0) {
                return;
            }
            for (const element of pending) {
                try {
                    const job = await getJson("/portal/jobs/" + encodeURIComponent(element.dataset.job) + "/state");
                    element.textContent = job.label;
                    element.className = "state state-" + job.state;
                    if (job.ended) {
                        element.removeAttribute("data-job");
                        if (onJobPage) {
                            // The page shows the end time, exit code, usage and charge: load it again once.
                            window.setTimeout(function () { window.location.reload(); }, 1000);
                            return;
                        }
                    }
                } catch (e) {
                    element.removeAttribute("data-job");
                }
            }
            window.setTimeout(tick, pollMs);
        }
        window.setTimeout(tick, pollMs);
    }

    // Bidirectional controls in a log would reorder what follows them: shown as escapes instead.
    function inert(text) {
        return text.replace(/[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g, function (c) {
            return "\\u" + c.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0");
        });
    }

    // A job's log: appended as text (never as HTML) from where the last poll stopped.
    function followLog() {
        const log = document.querySelector("pre[data-log]");
        if (log === null) {
            return;
        }
        let offset = 0;
        async function tick() {
            try {
                const chunk = await getJson("/portal/jobs/" + encodeURIComponent(log.dataset.log) + "/log?offset=" + offset);
                if (chunk.text.length > 0) {
                    log.appendChild(document.createTextNode(inert(chunk.text)));
                    log.scrollTop = log.scrollHeight;
                }
                offset = chunk.next;
                if (chunk.ended && chunk.text.length === 0) {
                    log.dataset.complete = "true";
                    return;
                }
            } catch (e) {
                return;
            }
            window.setTimeout(tick, pollMs);
        }
        tick();
    }

    // The order form's live check: the form (with its antiforgery token) posted as the user types,
    // half a second after the last key, answered with the API's own located error or "valid".
    function checkOrderAsTyped() {
        const live = document.querySelector("[data-check]");
        const form = document.getElementById("order-form");
        if (live === null || form === null) {
            return;
        }
        live.textContent = live.dataset.help;
        let timer = 0;
        let running = null;
        async function check() {
            if (running !== null) {
                running.abort();
            }
            running = new AbortController();
            try {
                const response = await fetch(live.dataset.check, { method: "POST", body: new FormData(form), credentials: "same-origin", signal: running.signal, headers: { "Accept": "application/json" } });
                const result = await response.json();
                live.textContent = result.valid ? result.message : (result.message || ((result.field || "") + ": " + (result.detail || "")));
                live.className = "live " + (result.valid ? "ok" : "error");
                live.dataset.valid = result.valid ? "true" : "false";
            } catch (e) {
                if (e.name !== "AbortError") {
                    live.textContent = "";
                    live.className = "live";
                }
            }
        }
        function schedule() {
            window.clearTimeout(timer);
            timer = window.setTimeout(check, 500);
        }
        form.addEventListener("input", schedule);
        form.addEventListener("change", schedule);
    }

    document.addEventListener("DOMContentLoaded", function () {
        onChangeSubmit();
        checkOrderAsTyped();
        followStates();
        followLog();
    });
})();
