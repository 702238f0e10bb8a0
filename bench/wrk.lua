-- bench/run.sh's wrk script: each request on a random order from BENCH_IDS. BENCH_KIND picks the request:
-- order (the order query), update (updateOrder, a new total each time so every request writes), typename,
-- preview (a checkout's deliveryPreview for a Prime member: one catalog product to a full address; every preview is
-- stored), warmup (typename, order, update and preview in turn). Prints one line for run.sh: RESULT req/s p50_ms p99_ms graphql_errors.
local ids = {}
for line in io.lines(os.getenv("BENCH_IDS")) do ids[#ids + 1] = line end
local kind = os.getenv("BENCH_KIND")

wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer " .. os.getenv("BENCH_TOKEN")
wrk.headers["x-api-target-id"] = os.getenv("BENCH_TARGET")

local order_query = '{"query":"query($id: ID!) { order(orderIdentifier: { orderId: $id }) { id lineItems { id amount { value unit } ' ..
  'product { title price { amount currencyCode } sku { value } } } totalPrice { value { amount currencyCode } } ' ..
  'metadata { createdAt updatedAt executionState } } }","variables":{"id":"%s"}}'
local update = '{"query":"mutation($id: ID!, $amount: Decimal!) { updateOrder(orderIdentifier: { orderId: $id }, ' ..
  'input: { totalPrice: { value: { amount: $amount, currencyCode: \\"USD\\" } } }) { order { id totalPrice { value { amount } } } } }",' ..
  '"variables":{"id":"%s","amount":%d.%02d}}'

local preview = '{"query":"{ deliveryPreview(input: { products: [{ productIdentifier: { sku: \\"prime_item_a\\" }, amount: { value: 1 } }], ' ..
  'location: { shippingAddress: { streetAddress: \\"410 Terry Ave N\\", locality: \\"Seattle\\", region: \\"WA\\", postalCode: \\"98109\\" } }, ' ..
  'shopperIdentity: { lwaAccessToken: { value: \\"eyJ0eXBlIjoiQUNDRVNTX1RPS0VOIiwidmFsdWUiOiJzYW5kYm94LW1vY2tlZC10ZXN0LXByaW1lLXNob3BwZXItYWNjZXNzLXRva2VuIn0=\\" } } }) ' ..
  '{ id deliveryGroups { deliveryOffers { id expiresAt date { latest } policy { messaging { messageText badge } } } } } }"}'

local counter = 0
request = function()
  local id = ids[math.random(#ids)]
  counter = counter + 1
  local k = kind
  if k == "warmup" then k = ({ "order", "update", "typename", "preview" })[counter % 4 + 1] end
  local body
  if k == "update" then
    -- A new amount every request (25.00 + counter cents), so no update is a no-op.
    body = string.format(update, id, 25 + math.floor(counter / 100), counter % 100)
  elseif k == "preview" then
    body = preview
  elseif k == "typename" then
    body = '{"query":"{ __typename }"}'
  else
    body = string.format(order_query, id)
  end
  return wrk.format(nil, nil, nil, body)
end

errors = 0 -- global: done() reads it from each thread
response = function(status, headers, body)
  if status ~= 200 or string.find(body, '"errors"', 1, true) then errors = errors + 1 end
end

local threads = {}
setup = function(thread) table.insert(threads, thread) end

done = function(summary, latency, requests)
  local total = 0
  for _, t in ipairs(threads) do total = total + t:get("errors") end
  io.write(string.format("RESULT %.1f %.2f %.2f %d\n", summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, total + summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
