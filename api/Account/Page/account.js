'use strict';
// The account page. The access token lives only in this variable; the refresh token stays in its HttpOnly
// cookie (Path=/auth, SameSite=Strict), which the browser sends to /auth/refresh, /auth/token and /auth/logout.
(() => {
  let accessToken = null;
  let username = null;

  const byId = id => document.getElementById(id);

  function show(section) {
    byId('signin').hidden = section !== 'signin';
    byId('account').hidden = section !== 'account';
  }

  function say(text, isError = false) {
    const status = byId('status');
    status.textContent = text;
    status.classList.toggle('error', isError);
  }

  async function problemOf(response) {
    try {
      const problem = await response.json();
      return { code: problem.code, text: problem.detail || problem.title || `HTTP ${response.status}` };
    } catch {
      return { code: null, text: `HTTP ${response.status}` };
    }
  }

  async function problemText(response) {
    return (await problemOf(response)).text;
  }

  function signedIn(tokens) {
    accessToken = tokens.access_token;
    username = tokens.user && tokens.user.username;
  }

  function signedOut() {
    accessToken = null;
    username = null;
  }

  async function post(path, body) {
    return fetch(path, {
      method: 'POST',
      credentials: 'same-origin',
      cache: 'no-store',
      headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  }

  // A new access token from the refresh cookie; false when the cookie is missing or no longer valid.
  async function refresh() {
    const response = await post('/auth/refresh');
    if (!response.ok) {
      signedOut();
      return false;
    }
    signedIn(await response.json());
    return true;
  }

  // Calls the API with the in-memory access token; an expired one is refreshed once through the cookie.
  async function call(method, path, body, retried = false) {
    const headers = { Authorization: `Bearer ${accessToken}` };
    if (body !== undefined) {
      headers['Content-Type'] = 'application/json';
    }
    const response = await fetch(path, {
      method, headers, credentials: 'same-origin', cache: 'no-store',
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (response.status === 401 && !retried && await isExpiredToken(response.clone()) && await refresh()) {
      return call(method, path, body, true);
    }
    return response;
  }

  async function isExpiredToken(response) {
    try {
      return (await response.json()).code === 'expired_token';
    } catch {
      return false;
    }
  }

  function cell(row, text, className) {
    const td = row.insertCell();
    td.textContent = text;
    if (className) {
      td.className = className;
    }
    return td;
  }

  function deviceRow(tbody, session) {
    const row = tbody.insertRow();
    row.dataset.device = session.device;
    const name = cell(row, session.device_name || session.device, 'name');
    if (session.device_name) {
      const id = document.createElement('span');
      id.className = 'device-id';
      id.textContent = session.device;
      name.append(id);
    }
    cell(row, new Date(session.last_used_at).toLocaleString());
    cell(row, session.ip || '—');
    cell(row, session.user_agent || '—', 'agent');
    const action = row.insertCell();
    if (session.current) {
      const mark = document.createElement('span');
      mark.className = 'this-device';
      mark.textContent = 'This device';
      action.append(mark);
    } else {
      const revoke = document.createElement('button');
      revoke.type = 'button';
      revoke.className = 'revoke';
      revoke.textContent = 'Revoke';
      revoke.addEventListener('click', () => revokeDevice(session.device, session.device_name || session.device));
      action.append(revoke);
    }
  }

  async function loadDevices() {
    const response = await call('GET', '/auth/sessions');
    if (!response.ok) {
      return failed(response);
    }
    const sessions = await response.json();
    const tbody = byId('devices').tBodies[0];
    tbody.replaceChildren();
    sessions.sort((a, b) => (b.current - a.current) || b.last_used_at.localeCompare(a.last_used_at));
    sessions.forEach(session => deviceRow(tbody, session));
    byId('revoke-others').disabled = sessions.length < 2;
  }

  // A refused call: a token that is no longer accepted means signed out, unless the cookie still signs in;
  // anything else (a wrong current password is a 401 too) is shown.
  async function failed(response) {
    const { code, text } = await problemOf(response);
    if (response.status === 401 && code !== 'invalid_credentials' && !(await refresh())) {
      show('signin');
      say(`Signed out: ${text}`, true);
      return;
    }
    say(text, true);
  }

  async function showAccount() {
    byId('who').textContent = username || '';
    show('account');
    await loadDevices();
  }

  async function revokeDevice(device, label) {
    const response = await call('DELETE', `/auth/sessions/${encodeURIComponent(device)}`);
    if (response.ok) {
      say(`Signed out ${label}.`);
      await loadDevices();
    } else {
      await failed(response);
    }
  }

  async function revokeOthers() {
    const response = await call('DELETE', '/auth/sessions?keep_current=true');
    if (response.ok) {
      say('Signed out every other device.');
      await loadDevices();
    } else {
      await failed(response);
    }
  }

  async function signIn(event) {
    event.preventDefault();
    const body = { username: byId('username').value, password: byId('password').value };
    const deviceName = byId('device-name').value.trim();
    if (deviceName) {
      body.device_name = deviceName;
    }
    const response = await post('/auth/token', body);
    byId('password').value = '';
    if (!response.ok) {
      say(await problemText(response), true);
      return;
    }
    signedIn(await response.json());
    say('');
    await showAccount();
  }

  async function changePassword(event) {
    event.preventDefault();
    const response = await call('POST', '/auth/password', {
      current_password: byId('current-password').value,
      new_password: byId('new-password').value,
    });
    if (response.ok) {
      byId('password-form').reset();
      say('Password changed. Every other device was signed out.');
      await loadDevices();
    } else {
      await failed(response);
    }
  }

  async function signOut() {
    await call('POST', '/auth/logout');
    signedOut();
    show('signin');
    say('Signed out.');
  }

  async function start() {
    byId('signin-form').addEventListener('submit', signIn);
    byId('password-form').addEventListener('submit', changePassword);
    byId('revoke-others').addEventListener('click', revokeOthers);
    byId('signout').addEventListener('click', signOut);
    if (await refresh()) {
      await showAccount();
    } else {
      show('signin');
    }
    document.body.dataset.ready = 'true';
  }

  document.addEventListener('DOMContentLoaded', start);
})();
