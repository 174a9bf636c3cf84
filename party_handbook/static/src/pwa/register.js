/* Copyright 2026 Party Handbook Developers
 * License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
 *
 * Registers the web app's service worker (sw.js) from the portal's pages
 * and tells it who is signed in: the pages saved on the device belong to
 * one user; when another user (or nobody) is signed in, every saved page
 * is deleted first. Signing out deletes them too (here, and in the
 * service worker for the back office's sign-out).
 */
(function () {
    "use strict";
    if (!("serviceWorker" in navigator) || !window.caches) {
        return;
    }
    var USER_CACHE = "ph-user";
    var USER_KEY = "/party_handbook/__signed_in_user";
    var PAGES_PREFIX = "ph-pages-u";
    var meta = document.querySelector("meta[name='party-handbook-user']");
    var uid = meta ? meta.getAttribute("content") || "" : "";

    function clearPages() {
        return caches.keys().then(function (names) {
            return Promise.all(names.filter(function (name) {
                return name.indexOf(PAGES_PREFIX) === 0 || name === USER_CACHE;
            }).map(function (name) {
                return caches.delete(name);
            }));
        });
    }

    function rememberUser() {
        return caches.open(USER_CACHE).then(function (cache) {
            return cache.match(USER_KEY).then(function (answer) {
                return answer ? answer.text() : "";
            }).then(function (previous) {
                if (previous === uid) {
                    return null;
                }
                return clearPages().then(function () {
                    if (!uid) {
                        return null;
                    }
                    return caches.open(USER_CACHE).then(function (fresh) {
                        return fresh.put(USER_KEY, new Response(uid));
                    });
                });
            });
        });
    }

    document.addEventListener("click", function (event) {
        var link = event.target.closest && event.target.closest(
            "a[href*='/web/session/logout']");
        if (!link || event.defaultPrevented) {
            return;
        }
        event.preventDefault();
        var go = function () {
            window.location.assign(link.href);
        };
        clearPages().then(go, go);
    });

    rememberUser().catch(function () {
        return null;
    }).then(function () {
        return navigator.serviceWorker.register("/party_handbook_sw.js", {scope: "/"});
    }).catch(function () {
        // no service worker (private window, old browser): the portal works
        return null;
    });
}());
