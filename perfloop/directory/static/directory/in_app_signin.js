// Sign-in inside DingTalk's or Feishu's workbench (免登): the service's JS API gives a one-time
// code for the person using the app, which the server exchanges; no password is asked.
(function () {
  "use strict";
  const box = document.querySelector("[data-in-app-signin]");
  if (!box) return;
  const failed = () => { box.querySelector("[data-failed]").hidden = false; };
  const go = (code) => {
    if (!code) return failed();
    const query = new URLSearchParams({ code: code, state: box.dataset.state });
    window.location.assign(box.dataset.callback + "?" + query.toString());
  };
  try {
    if (box.dataset.source === "dingtalk" && window.dd) {
      window.dd.ready(() => window.dd.runtime.permission.requestAuthCode({
        corpId: box.dataset.corp,
        onSuccess: (result) => go(result.code),
        onFail: failed,
      }));
    } else if (box.dataset.source === "feishu" && window.tt) {
      const ask = () => window.tt.requestAccess({
        appID: box.dataset.app,
        scopeList: [],
        success: (result) => go(result.code),
        fail: failed,
      });
      if (window.h5sdk) window.h5sdk.ready(ask); else ask();
    } else {
      failed();
    }
  } catch (error) {
    failed();
  }
})();
