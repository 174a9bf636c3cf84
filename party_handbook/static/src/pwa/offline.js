/* Copyright 2026 Party Handbook Developers
 * License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
 *
 * The offline page lists the pages saved on this device for the signed-in
 * user (their titles, read from the saved copies), newest first.
 */
(function () {
    "use strict";
    var list = document.getElementById("o_party_offline_pages");
    if (!list || !window.caches) {
        return;
    }
    caches.open("ph-user").then(function (cache) {
        return cache.match("/party_handbook/__signed_in_user");
    }).then(function (answer) {
        return answer ? answer.text() : "";
    }).then(function (uid) {
        if (!/^\d+$/.test(uid)) {
            return [];
        }
        return caches.open("ph-pages-u" + uid).then(function (cache) {
            return cache.keys().then(function (requests) {
                return Promise.all(requests.reverse().map(function (request) {
                    return cache.match(request).then(function (answer) {
                        return answer.text();
                    }).then(function (html) {
                        var page = new DOMParser().parseFromString(html, "text/html");
                        var heading = page.querySelector("main h1, main h2, h1, h2");
                        return {
                            url: request.url,
                            title: (heading && heading.textContent.trim()) ||
                                page.title || request.url,
                        };
                    });
                }));
            });
        });
    }).then(function (pages) {
        pages.forEach(function (page) {
            var item = document.createElement("li");
            var link = document.createElement("a");
            link.href = page.url;
            link.textContent = page.title;
            item.appendChild(link);
            list.appendChild(item);
        });
        if (pages.length) {
            document.getElementById("o_party_offline_saved").hidden = false;
        }
    });
}());
