/* Copyright 2026 Party Handbook Developers
 * License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
 *
 * The members' web app's service worker (served at /party_handbook_sw.js,
 * scope "/"). What it keeps on the device, and nothing else:
 *
 * - the pages of the documents and meetings the member opened
 *   (/my/party/documents/<id>, /my/party/meetings/<id>), network first,
 *   the saved copy only when the network fails, in a cache of the signed-in
 *   user's own ("ph-pages-u<id>", at most MAX_PAGES pages, the oldest
 *   dropped); never profile, data-protection or other pages, never a POST,
 *   never an answer that is not a plain 200 page of ours (a redirect to the
 *   login page is not kept);
 * - the style sheets and fonts those pages use, and the offline page with
 *   its script and icon ("ph-static": nothing personal).
 *
 * Never the audio versions (/party_handbook/audio/<id>, issue #15): they are
 * large (about 3 KB a second, a megabyte for a long resolution), answered in
 * byte ranges (206) that the Cache API does not keep, and personal to the
 * signed-in user; the browser's own HTTP cache keeps them ("private,
 * no-cache": revalidated, access checked, at each play). The fetch handler below answers only the requests it lists and
 * lets every other one, audio included, go to the network untouched.
 *
 * Every cache of pages is deleted when anyone signs out
 * (/web/session/logout) and when another user signs in on the device (the
 * pages tell which user is signed in: static/src/pwa/register.js).
 */
/* eslint-env serviceworker */
"use strict";

var VERSION = "1";
var STATIC_CACHE = "ph-static-v" + VERSION;
var PAGES_PREFIX = "ph-pages-u";
var USER_CACHE = "ph-user";
var USER_KEY = "/party_handbook/__signed_in_user";
var OFFLINE_URL = "/party_handbook/offline";
// what the offline page needs, kept at installation
var PRECACHE = [OFFLINE_URL, "/party_handbook/static/src/pwa/offline.js",
    "/party_handbook/static/src/img/pwa-192.png"];
var MAX_PAGES = 30;
var KEPT_PAGES = /^\/my\/party\/(documents|meetings)\/\d+\/?$/;

self.addEventListener("install", function (event) {
    event.waitUntil(caches.open(STATIC_CACHE).then(function (cache) {
        return cache.addAll(PRECACHE.map(function (url) {
            return new Request(url, {credentials: "same-origin"});
        }));
    }).then(function () {
        return self.skipWaiting();
    }));
});

self.addEventListener("activate", function (event) {
    event.waitUntil(caches.keys().then(function (names) {
        return Promise.all(names.filter(function (name) {
            return name.indexOf("ph-static-v") === 0 && name !== STATIC_CACHE;
        }).map(function (name) {
            return caches.delete(name);
        }));
    }).then(function () {
        return self.clients.claim();
    }));
});

function clearPages() {
    return caches.keys().then(function (names) {
        return Promise.all(names.filter(function (name) {
            return name.indexOf(PAGES_PREFIX) === 0 || name === USER_CACHE;
        }).map(function (name) {
            return caches.delete(name);
        }));
    });
}

// the signed-in user's cache of pages, or null when no page said who
function pagesCache() {
    return caches.open(USER_CACHE).then(function (cache) {
        return cache.match(USER_KEY);
    }).then(function (answer) {
        return answer ? answer.text() : "";
    }).then(function (uid) {
        return /^\d+$/.test(uid) ? PAGES_PREFIX + uid : null;
    });
}

function trim(cache) {
    return cache.keys().then(function (requests) {
        // keys keep the order of insertion: the oldest first
        var extra = requests.length - MAX_PAGES;
        return Promise.all(requests.slice(0, Math.max(extra, 0)).map(
            function (request) {
                return cache.delete(request);
            }));
    });
}

// one saved copy per page, whatever its query (e.g. "?sent=1")
function pageKey(request) {
    var url = new URL(request.url);
    return url.origin + url.pathname;
}

function keepPage(request, response) {
    if (!response || response.status !== 200 || response.redirected ||
            response.type !== "basic" ||
            (response.headers.get("Content-Type") || "").indexOf("text/html") !== 0) {
        return Promise.resolve();
    }
    var copy = response.clone();
    return pagesCache().then(function (name) {
        if (!name) {
            return null;
        }
        return caches.open(name).then(function (cache) {
            // re-added at the end: the least recently read go first
            return cache.delete(pageKey(request)).then(function () {
                return cache.put(pageKey(request), copy);
            }).then(function () {
                return trim(cache);
            });
        });
    });
}

function savedPage(request) {
    return pagesCache().then(function (name) {
        return name ? caches.open(name).then(function (cache) {
            return cache.match(pageKey(request));
        }) : null;
    });
}

function offlinePage() {
    return caches.open(STATIC_CACHE).then(function (cache) {
        return cache.match(OFFLINE_URL);
    }).then(function (answer) {
        return answer || new Response(
            "<!DOCTYPE html><html lang=\"vi\"><title>Mất kết nối</title>" +
            "<p>Không có kết nối mạng.</p></html>",
            {status: 503, headers: {"Content-Type": "text/html; charset=utf-8"}});
    });
}

function networkFirstPage(event) {
    return fetch(event.request).then(function (response) {
        if (response.redirected &&
                new URL(response.url).pathname === "/web/login") {
            // the session is gone: what was kept for it goes too
            event.waitUntil(clearPages());
            return response;
        }
        event.waitUntil(keepPage(event.request, response));
        return response;
    }, function () {
        return savedPage(event.request).then(function (saved) {
            return saved || offlinePage();
        });
    });
}

function networkFirstStatic(event) {
    return fetch(event.request).then(function (response) {
        if (response.status === 200 && response.type === "basic") {
            var copy = response.clone();
            event.waitUntil(caches.open(STATIC_CACHE).then(function (cache) {
                return cache.put(event.request, copy);
            }));
        }
        return response;
    }, function () {
        return caches.open(STATIC_CACHE).then(function (cache) {
            return cache.match(event.request);
        }).then(function (saved) {
            return saved || Response.error();
        });
    });
}

self.addEventListener("fetch", function (event) {
    var request = event.request;
    var url = new URL(request.url);
    if (url.origin !== self.location.origin) {
        return;
    }
    if (url.pathname === "/web/session/logout" || url.pathname === "/web/login") {
        // whoever signs out, nothing of theirs stays on the device; and a
        // sign-in page (opened or sent) starts clean too: the session may
        // have ended without a sign-out, and the next user of a shared
        // phone signs in there, possibly from the back office
        event.respondWith(clearPages().then(function () {
            return fetch(request);
        }));
        return;
    }
    if (request.method !== "GET") {
        return;
    }
    if (request.mode === "navigate" && KEPT_PAGES.test(url.pathname)) {
        event.respondWith(networkFirstPage(event));
        return;
    }
    if (request.mode === "navigate" && url.pathname.indexOf("/my") === 0) {
        event.respondWith(fetch(request).catch(offlinePage));
        return;
    }
    if (PRECACHE.indexOf(url.pathname) > 0) {
        event.respondWith(networkFirstStatic(event));
        return;
    }
    if ((request.destination === "style" || request.destination === "font") &&
            (url.pathname.indexOf("/web/content/") === 0 ||
             url.pathname.indexOf("/web/static/") === 0 ||
             url.pathname.indexOf("/party_handbook") === 0)) {
        event.respondWith(networkFirstStatic(event));
    }
});

self.addEventListener("message", function (event) {
    var data = event.data || {};
    if (data.type === "party-handbook-clear") {
        event.waitUntil(clearPages());
    }
});
