// Code for America's node-open311, unchanged, in its JSON format, against the platform (see open311-client.sh).
const assert = require('assert');
const Open311 = require('open311');
const base = process.env.BASE.endsWith('/') ? process.env.BASE : process.env.BASE + '/';
const where = { lat: process.env.LAT, long: process.env.LONG };
const key = process.env.OPEN311_KEY || 'demo-open311-key';
const call = (fn) => new Promise((resolve, reject) => fn((err, data) => err ? reject(new Error(JSON.stringify([err, data]))) : resolve(data)));
const step = (name, value) => { console.log('ok  ' + name + (value === undefined ? '' : ': ' + value)); };

// what a definition's required answers look like to a client that fills them in from the definition
function answers(definition, multi) {
  const out = {};
  for (const a of definition.attributes.filter(a => a.variable && a.required)) {
    out[a.code] = a.datatype === 'multivaluelist' ? [a.values[0].key]
      : a.values && a.values.length ? a.values[0].key
      : a.datatype === 'number' ? '2' : a.datatype === 'datetime' ? new Date().toISOString() : 'x';
  }
  if (multi) out[multi.code] = multi.values.slice(0, 2).map(v => v.key);
  return out;
}

(async () => {
  const city = new Open311({ discovery: base + 'discovery.json', apiKey: key });
  const discovery = await call(cb => city.serviceDiscovery({ cache: true }, cb));
  assert.ok(city.endpoint, 'the client found a GeoReport v2 production endpoint in the discovery');
  step('discovery', city.endpoint + ' (' + discovery.endpoints[0].formats.join(', ') + ')');

  const services = await call(cb => city.serviceList(cb));
  assert.ok(services.length > 0, 'services');
  step('services', services.map(s => s.service_code).join(' '));
  const definitions = {};
  for (const s of services.filter(s => s.metadata === true)) {
    definitions[s.service_code] = await call(cb => city.serviceDefinition(s.service_code, cb));
    assert.strictEqual(definitions[s.service_code].service_code, s.service_code);
  }
  step('definitions', Object.keys(definitions).map(c => c + '(' + definitions[c].attributes.length + ')').join(' '));

  const service = services.find(s => s.metadata === true && definitions[s.service_code].attributes.some(a => a.required));
  const description = 'node-open311 ' + new Date().toISOString();
  const posted = await call(cb => city.submitRequest({ service_code: service.service_code, ...where, description,
      first_name: '明', last_name: '李', phone: '13800138000', attributes: answers(definitions[service.service_code]) }, cb));
  const id = posted[0].service_request_id;
  assert.ok(id, 'a service_request_id');
  step('POST requests', service.service_code + ' -> ' + id);

  if (posted[0].token) {
    const byToken = await call(cb => city.token(posted[0].token, cb));
    assert.strictEqual(byToken[0].service_request_id, id);
    step('token', posted[0].token);
  }
  const one = await call(cb => city.serviceRequests(id, cb));
  assert.strictEqual(one.length, 1);
  assert.strictEqual(one[0].description, description);
  assert.strictEqual(one[0].status, 'open');
  assert.ok(!isNaN(one[0].requested_datetime), 'requested_datetime is a date the client can read');
  assert.ok(!('phone' in one[0]) && !('first_name' in one[0]), 'the public request shows no reporter');
  step('GET requests/' + id, one[0].status + ', ' + one[0].status_notes + ', ' + one[0].agency_responsible);
  const listed = await call(cb => city.serviceRequests([id], cb));
  assert.deepStrictEqual(listed.map(r => r.service_request_id), [id]);
  step('GET requests by a list of ids');
  const open = await call(cb => city.serviceRequests({ status: 'open', service_code: service.service_code }, cb));
  assert.ok(open.some(r => r.service_request_id === id) && open.every(r => r.status === 'open'));
  step('GET requests?status=open&service_code=' + service.service_code, open.length + ' requests');

  const withList = services.find(s => s.metadata === true && definitions[s.service_code].attributes.some(a => a.datatype === 'multivaluelist'));
  if (withList) {
    const multi = definitions[withList.service_code].attributes.find(a => a.datatype === 'multivaluelist');
    const r = await call(cb => city.submitRequest({ service_code: withList.service_code, ...where,
        description: 'node-open311 list', attributes: answers(definitions[withList.service_code], multi) }, cb));
    assert.ok(r[0].service_request_id);
    step('POST with a multivaluelist (attribute[' + multi.code + '] repeated)', r[0].service_request_id);
  }

  const stranger = new Open311({ endpoint: city.endpoint, apiKey: 'not-a-key' });
  await assert.rejects(call(cb => stranger.submitRequest({ service_code: service.service_code, ...where, description: 'x' }, cb)),
      e => e.message.startsWith('[403,'));
  step('a wrong api_key is refused (403)');
})().catch(e => { console.error('FAILED', e.stack || e); process.exit(1); });
