// The README's examples ("Try it" and "Testing your checkout"), opened as GraphiQL's first tabs. Each is named, so
// its tab carries that name. They are written for the newest version, as in the README.
const address = `{ name: "Jo Smith", streetAddress: "410 Terry Ave N", locality: "Seattle", region: "WA", countryCode: "US", postalCode: "98109" }`;
const primeShopper = "eyJ0eXBlIjoiQUNDRVNTX1RPS0VOIiwidmFsdWUiOiJzYW5kYm94LW1vY2tlZC10ZXN0LXByaW1lLXNob3BwZXItYWNjZXNzLXRva2VuIn0=";

export const exampleTabs = [
  {
    query: `# README "Try it": an order with one line item, its external id order-1.
mutation CreateOrder {
  createOrder(input: {
    lineItems: [{
      product: { title: "Mug", price: { amount: 12.5, currencyCode: "USD" }, identifier: { sku: "MUG-1" } }
      amount: { value: 1 }
      selectedDeliveryOffer: { details: { deliveryProvider: AMAZON } }
    }]
    aliases: [{ aliasType: "EXTERNAL_ID", aliasId: "order-1" }]
  }) {
    order { id metadata { executionState } }
  }
}
`,
  },
  {
    query: `# README "Try it": the order read back by its external id.
query Order {
  order(orderIdentifier: { alias: { aliasType: "EXTERNAL_ID", aliasId: "order-1" } }) {
    id
    metadata { executionState createdAt updatedAt }
    lineItems { id amount { value } }
  }
}
`,
  },
  {
    query: `# README "Try it": start the order's fulfillment.
mutation UpdateOrder {
  updateOrder(
    orderIdentifier: { alias: { aliasType: "EXTERNAL_ID", aliasId: "order-1" } }
    input: { desiredExecutionState: STARTED }
  ) {
    order { id metadata { executionState updatedAt } }
  }
}
`,
  },
  {
    query: `# README "Testing your checkout": a Prime delivery promise for BwP's sample SKU, to a Prime member.
# Import samples/catalog.json first (POST /control/v1/catalog/import), with a token of every scope.
query DeliveryPreview {
  deliveryPreview(input: {
    products: [{ productIdentifier: { sku: "prime_item_a" }, amount: { value: 1 } }]
    location: { shippingAddress: ${address} }
    shopperIdentity: { lwaAccessToken: { value: "${primeShopper}" } }
    terms: { isPrimeEligible: true }
  }) {
    id
    deliveryGroups { deliveryOffers { id expiresAt date { latest } policy { messaging { messageText badge } } } }
  }
}
`,
  },
  {
    query: `# README "Testing your checkout": is the shopper a Prime member?
query ShopperEligibility {
  shopperBwPEligibility(identityToken: { lwaAccessToken: { value: "${primeShopper}" } }) {
    bwpEligibilityStatus
    shopperId
  }
}
`,
  },
];
