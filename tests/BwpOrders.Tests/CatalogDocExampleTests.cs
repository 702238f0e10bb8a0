using System.Text.Json.Nodes;
using BwpOrders.Tests.Infrastructure;

namespace BwpOrders.Tests;

/// <summary>
/// The Catalog and Inventory interfaces' examples of BwP's pages (DocExamples/CATALOG.md lists each with its page):
/// the catalog is set up (a catalog import, or the API where the file cannot say it) to hold what an example asks
/// for, the example is sent as printed, and the answer checked against the documented response. Only ids the server
/// assigns are substituted; where a page is cut off or contradicts itself, a comment says what is asserted instead.
/// These are the queries (product, products, mappingProduct, inventoryItem); the mutations are in the other part.
/// </summary>
public sealed partial class CatalogDocExampleTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    private static readonly VerbatimRequests Docs = new("DocExamples");
    private readonly CheckoutSetup _checkout = new(server, "bp-" + Guid.NewGuid());

    [Theory]
    [InlineData("query-by-sku")]
    [InlineData("query-by-amazon-sku")]
    public async Task V2024_04_01_product(string example)
    {
        var expected = JsonNode.Parse(AsAskedFor(WithScheme(Docs.Response("2024-04-01/product.query-by-sku"))))!;
        await Import(ExampleProduct("-1"));
        await Update(ApiClient.V2024_04_01, "example-sku-1", new JsonObject { ["description"] = expected["data"]!["product"]!["description"]!.DeepClone() });

        var response = await Send(ApiClient.V2024_04_01, Docs.Request($"2024-04-01/product.{example}"));

        // Query By Sku selects asin but its answer leaves it out; Query By Amazon Sku's answer (cut off right after the
        // asin, the same product up to there) shows it, with "example-marketplace-id" where amazon.com's id goes.
        expected["data"]!["product"]!["asin"] = new JsonObject { ["value"] = "example-asin", ["marketplaceId"] = "ATVPDKIKX0DER" };
        JsonMatch.Assert(expected.ToJsonString(), response);
    }

    [Theory]
    [InlineData("query-by-sku")]
    [InlineData("query-by-amazon-sku")]
    public async Task V2024_11_01_product(string example)
    {
        const string bySku = "2024-11-01/product.query-by-sku";
        var expected = JsonNode.Parse(AsAskedFor(WithScheme(Docs.Response(bySku))))!;
        var product = ExampleProduct("-1");
        product["title"] = "my-title";
        product["price"] = new JsonObject { ["amount"] = 10, ["currencyCode"] = "USD" };
        await Import(product);
        await Update(ApiClient.V2024_11_01, "example-sku-1", new JsonObject
        {
            ["description"] = expected["data"]!["product"]!["description"]!.DeepClone(), ["externalVersion"] = "product-version",
        });
        var request = Docs.Request(bySku);
        if (example == "query-by-amazon-sku")
        {
            // Cut off in its selection, after amazonSku; what it shows is Query By Sku's selection, which the rest is.
            var seen = Docs.PartialRequest("2024-11-01/product.query-by-amazon-sku").TrimEnd();
            var selection = seen[seen.IndexOf("}) {", StringComparison.Ordinal)..];
            Assert.Contains(selection, request);
            request = seen + request[(request.IndexOf(selection, StringComparison.Ordinal) + selection.Length)..];
        }

        JsonMatch.Assert(expected.ToJsonString(), await Send(ApiClient.V2024_11_01, request));
    }

    [Theory]
    [InlineData("query-by-sku-earlier-crawl")]
    [InlineData("query-by-amazon-sku-earlier-crawl")]
    [InlineData("query-by-external-id")]
    public async Task V2024_11_01_product_earlier_text(string example)
    {
        await Import(ExampleProduct());

        var response = await Send(ApiClient.V2024_11_01, Docs.Request($"2024-11-01/product.{example}"));

        // Query By External Id's answer is cut off at "produc"; the page's other answers are this one, of the same product.
        JsonMatch.Assert(WithScheme(Docs.Response("2024-11-01/product.query-by-sku-earlier-crawl")), response);
    }

    [Theory]
    [InlineData(ApiClient.V2024_04_01, "query-list-products-with-page-size-earlier-crawl")]
    [InlineData(ApiClient.V2024_04_01, "query-list-products-with-page-size")]
    [InlineData(ApiClient.V2024_11_01, "query-list-products-with-page-size")]
    public async Task Products_with_page_size(string version, string example)
    {
        await ImportProductList();

        var response = await Send(version, Docs.Request($"{version}/products.{example}"));

        var expected = Documented("2024-04-01/products.query-list-products-with-page-size-earlier-crawl", ListIds);
        var node = expected["data"]!["products"]!["edges"]![0]!["node"]!;
        // offerPrime is a Boolean (the Product page, and product's answers), which the page prints as the string "true" here.
        Assert.Equal("true", (string?)node["offerPrime"]);
        node["offerPrime"] = true;
        if (example == "query-list-products-with-page-size" && version == ApiClient.V2024_04_01)
        {
            // Cut off in image; up to there it is the earlier crawl's answer with the asin it adds (amazon.com's marketplace
            // where the page shows "example-marketplace-id"); the description is the one imported.
            node["asin"] = new JsonObject { ["value"] = "example-asin", ["marketplaceId"] = "ATVPDKIKX0DER" };
            node["description"] = JsonNode.Parse("""{"values":[{"value":"Example product 1","locale":"en-US"}],"defaultLocale":"en-US"}""");
        }
        JsonMatch.Assert(expected.ToJsonString(), response);
    }

    [Theory]
    [InlineData(ApiClient.V2024_04_01)]
    [InlineData(ApiClient.V2024_11_01)]
    public async Task Products_using_after(string version)
    {
        await ImportProductList();
        var after = new Dictionary<string, string> { ["catalogid#example-id-2"] = "catalogid#exampleid2" };
        // 2024-11-01's text is cut off in image; all of it begins 2024-04-01's, which is sent.
        var request = version == ApiClient.V2024_04_01 ? Docs.Request("2024-04-01/products.query-list-products-using-after", after)
            : CompletedBy("2024-11-01/products.query-list-products-using-after", Docs.Request("2024-04-01/products.query-list-products-using-after"))
                .Replace("catalogid#example-id-2", "catalogid#exampleid2");

        var response = await Send(version, request);

        // The answer is cut off at "hasPreviousP" after hasNextPage false: the last product follows example-id-2, and
        // BwpOrders says there are products before the cursor.
        JsonMatch.Assert("""
            {"data":{"products":{"pageInfo":{"hasNextPage":false,"hasPreviousPage":true,"startCursor":"catalogid#exampleid3","endCursor":"catalogid#exampleid3"},
             "edges":[{"cursor":"catalogid#exampleid3","node":{"id":"exampleid3","externalId":{"value":"example-external-id-3"},"sku":{"value":"example-sku-3"},
               "amazonSku":{"marketplaceId":null,"value":"example-amazonSku-3"},"offerPrime":true,"productDetailPageUrl":"https://example.com/products/id3",
               "image":{"displayReadyUrl":"https://example.com/product-image-display.jpeg","sourceUrl":"https://example.com/product-image.jpeg"}}}]}}}
            """, response);
    }

    [Theory]
    [InlineData("query-by-sku")]
    [InlineData("query-by-msku")]
    public async Task V2024_01_01_mapping_product(string example)
    {
        await Import(JsonNode.Parse("""
            {"id":"ypdg9qn0i2cabc","sku":"test_sku1","externalId":"test_external1","amazonSku":"test_msku1","offerPrime":true,
             "productDetailPageUrl":"https://example.com/some-product","imageUrl":"https://example.com/some-product.jpg","buyableQuantity":0}
            """)!.AsObject());

        var response = await Send(ApiClient.V2024_01_01, Docs.Request($"2024-01-01/mappingProduct.{example}"));

        // Query By Msku's answer is cut off in url; the part shown is Query By Sku's answer, of the same product.
        const string bySku = "2024-01-01/mappingProduct.query-by-sku";
        Assert.StartsWith(PartialResponse("2024-01-01/mappingProduct.query-by-msku"), Docs.Response(bySku));
        // A product's inventory item is the product in BwpOrders: its inventoryItemId is the product's id (the page's is d6kv5mssadvabc).
        JsonMatch.Assert(Docs.Response(bySku, new Dictionary<string, string> { ["d6kv5mssadvabc"] = "ypdg9qn0i2cabc" }), response);
    }

    [Fact]
    public async Task V2024_01_01_guide_get_a_product_from_the_catalog()
    {
        await Import(InSearchOfLostTime());
        const string name = "2024-01-01/mappingProduct.guide-get-a-product-from-the-catalog";
        // The variables are JavaScript over the page's sample data ({ identifier: { SKU: inSearchOfLostTime.sku } }): this is their JSON.
        var variables = new JsonObject { ["identifier"] = new JsonObject { ["SKU"] = "12345" } };

        var response = await Send(ApiClient.V2024_01_01, await Repaired(ApiClient.V2024_01_01, Docs.GuideRequest(name), variables), variables);

        // The answer is cut off after "mappingProduct": {; this is the sample product (which has no external id) as selected.
        JsonMatch.Assert("""
            {"data":{"mappingProduct":{"productExternalId":null,"productSku":{"value":"12345"},"productMsku":{"value":"12345"},"isPrimeIntended":true,
             "url":"https://www.amazon.com/dp/12345","image":{"sourceUrl":"https://example.com/image-12345.jpg"}}}}
            """, response);
    }

    [Theory]
    [InlineData("guide-get-a-product-from-the-catalog-earlier-crawl")]
    [InlineData("guide-get-a-product-from-the-catalog")]
    public async Task V2024_04_01_guide_get_a_product_from_the_catalog(string example)
    {
        var product = InSearchOfLostTime();
        product["externalId"] = "12345"; // as the answer shows it (the sample data has none)
        await Import(product);
        // v2024-04-01's sample data adds a description.
        await Update(ApiClient.V2024_04_01, "12345", JsonNode.Parse("""
            {"description":{"values":[{"value":"This is the book In Search of Lost Time","locale":"en-US"},{"value":"À la recherche du temps perdu","locale":"fr-FR"}],"defaultLocale":"en-US"}}
            """)!.AsObject());
        const string earlier = "2024-04-01/product.guide-get-a-product-from-the-catalog-earlier-crawl";
        // The newer text is cut off at "$iden"; all of it begins the earlier crawl's, which is sent.
        var request = example == "guide-get-a-product-from-the-catalog"
            ? CompletedBy("2024-04-01/product.guide-get-a-product-from-the-catalog", Docs.Request(earlier))
            : Docs.Request(earlier);
        var variables = new JsonObject { ["identifier"] = new JsonObject { ["sku"] = "12345" } }; // the JavaScript { sku: inSearchOfLostTime.sku }

        var response = await Send(ApiClient.V2024_04_01, await Repaired(ApiClient.V2024_04_01, WithoutCaption(request), variables), variables);

        // Cut off in image. The page's answer leaves out amazonSku.marketplaceId, which is selected (null: none was given),
        // and shows productDetailPageUrl .../dp/1234567, not the sample data's .../dp/12345 its examples say they use.
        JsonMatch.Assert("""
            {"data":{"product":{"externalId":{"value":"12345"},"sku":{"value":"12345"},"amazonSku":{"value":"12345","marketplaceId":null},"offerPrime":true,
             "productDetailPageUrl":"https://www.amazon.com/dp/12345","image":{"sourceUrl":"https://example.com/image-12345.jpg"}}}}
            """, response);
    }

    [Theory]
    [InlineData(ApiClient.V2024_01_01)]
    [InlineData(ApiClient.V2024_04_01)]
    public async Task Inventory_item_with_valid_identifier(string version)
    {
        await Import(JsonNode.Parse("""{"id":"abcdef01234567","sku":"example-sku","amazonSku":"example-amazon-sku","offerPrime":true,"buyableQuantity":10}""")!.AsObject());
        var name = $"{version}/inventoryItem.query-inventory-item-with-valid-identifier";

        JsonMatch.Assert(Docs.Response(name), await Send(version, Docs.Request(name)));
    }

    [Theory]
    [InlineData(ApiClient.V2024_01_01)]
    [InlineData(ApiClient.V2024_04_01)]
    public async Task Inventory_item_with_no_valid_sku(string version)
    {
        // BwP's side found no such SKU in Seller Central: not buyable, though offered with Prime.
        await Import(JsonNode.Parse("""{"id":"abcdefzzzzzzzz","sku":"example-sku","amazonSku":"example-amazon-sku","offerPrime":true,"buyability":"NOT_BUYABLE"}""")!.AsObject());
        var name = $"{version}/inventoryItem.query-inventory-item-with-no-valid-sku";

        var response = await _checkout.Send(version, Docs.Request(name));

        // classification's keys come in another order in each version's page; JSON objects have none.
        JsonMatch.Assert(Docs.Response(name), response.Body);
    }

    [Theory]
    [InlineData(ApiClient.V2024_01_01)]
    [InlineData(ApiClient.V2024_04_01)]
    public async Task Inventory_item_with_no_sku(string version)
    {
        await Import(JsonNode.Parse("""{"id":"abcdefyyyyyyyy","sku":"example-sku","offerPrime":true}""")!.AsObject());
        var name = $"{version}/inventoryItem.query-inventory-item-with-no-sku";

        var response = await _checkout.Send(version, Docs.Request(name));

        // Cut off in the error; the part shown is No Valid Sku's answer with this item, code and message, as is the rest.
        var expected = Docs.Response($"{version}/inventoryItem.query-inventory-item-with-no-valid-sku", new Dictionary<string, string> { ["abcdefzzzzzzzz"] = "abcdefyyyyyyyy" })
            .Replace("is associated with an invalid MSKU.", "is not associated with an MSKU.").Replace("InvalidAmazonSkuConfiguration", "MissingAmazonSkuConfiguration");
        Assert.StartsWith(PartialResponse(name), expected);
        JsonMatch.Assert(expected, response.Body);
    }

    /// <summary>Loads catalog-file products into the test's target.</summary>
    private Task<JsonNode> Import(params JsonObject[] products) => _checkout.Import(new JsonObject { ["products"] = new JsonArray(products) });

    /// <summary>Sets fields a catalog file cannot give (text in several locales, the external version) through updateProduct.</summary>
    private Task Update(string version, string sku, JsonObject input) =>
        Send(version, "mutation($sku: String, $input: UpdateProductInput!) { updateProduct(identifier: { sku: $sku }, input: $input) { id } }",
            new JsonObject { ["sku"] = sku, ["input"] = input });

    private async Task<JsonObject> Send(string version, string request, JsonObject? variables = null) =>
        (await _checkout.Send(version, request, variables)).AssertSuccess().Body;

    private async Task<JsonNode?> Read(string version, string identifier, string selection) =>
        (await Send(version, $"{{ product(identifier: {identifier}) {{ {selection} }} }}"))["data"]!["product"];

    /// <summary>
    /// The product the product pages answer with (abcdef01234567, example-sku), or with <paramref name="suffix"/> on its
    /// SKUs. Its URLs are the answers' with https:// (<see cref="WithScheme"/>); the ASIN and display-ready image are BwP's side's.
    /// </summary>
    private static JsonObject ExampleProduct(string suffix = "") => JsonNode.Parse($$"""
        {"id":"abcdef01234567","sku":"example-sku{{suffix}}","externalId":"example-external-id","amazonSku":"example-amazon-sku{{suffix}}","offerPrime":true,
         "asin":"example-asin","productDetailPageUrl":"https://example.com","imageUrl":"https://example.com/product-image.jpeg",
         "displayReadyImageUrl":"https://example.com/display-ready-product-image.jpeg"}
        """)!.AsObject();

    /// <summary>
    /// The product pages print their answers' URLs without a scheme ("example.com"); BwpOrders takes only absolute
    /// http(s) URLs, so the product holds them with https://, and is answered so.
    /// </summary>
    private static string WithScheme(string response) => response.Replace("\"example.com", "\"https://example.com");

    /// <summary>
    /// Query By Sku asks for example-sku-1 (By Amazon Sku for example-amazon-sku-1) and the page answers a product
    /// with example-sku: a real API answers the product asked for, whose identifiers are those asked by.
    /// </summary>
    private static string AsAskedFor(string response) =>
        response.Replace("\"example-sku\"", "\"example-sku-1\"").Replace("\"example-amazon-sku\"", "\"example-amazon-sku-1\"");

    /// <summary>
    /// The products pages' example-id-1..3, as BwpOrders's ids are letters and digits (as BwP's abcdef01234567):
    /// exampleid1..3, each with the fields the page's first product shows, numbered.
    /// </summary>
    private Task ImportProductList() => Import([.. Enumerable.Range(1, 3).Select(i => JsonNode.Parse($$"""
        {"id":"exampleid{{i}}","sku":"example-sku-{{i}}","externalId":"example-external-id-{{i}}","amazonSku":"example-amazonSku-{{i}}","offerPrime":true,
         "asin":"example-asin","description":"Example product {{i}}","productDetailPageUrl":"https://example.com/products/id{{i}}",
         "imageUrl":"https://example.com/product-image.jpeg","displayReadyImageUrl":"https://example.com/product-image-display.jpeg"}
        """)!.AsObject())]);

    private static readonly Dictionary<string, string> ListIds = new() { ["example-id-1"] = "exampleid1", ["catalogid#example-id-1"] = "catalogid#exampleid1" };

    /// <summary>The Query a Catalog guides' sample product, inSearchOfLostTime (which has no external id).</summary>
    private static JsonObject InSearchOfLostTime() => JsonNode.Parse("""
        {"sku":"12345","amazonSku":"12345","offerPrime":true,"title":"In Search of Lost Time",
         "productDetailPageUrl":"https://www.amazon.com/dp/12345","imageUrl":"https://example.com/image-12345.jpg"}
        """)!.AsObject();

    private static JsonNode Documented(string name, IReadOnlyDictionary<string, string>? ids = null) => JsonNode.Parse(Docs.Response(name, ids))!;

    /// <summary>A text that begins with all the page showed of a cut-off request (<paramref name="partialName"/>), checked.</summary>
    private static string CompletedBy(string partialName, string complete)
    {
        Assert.StartsWith(Docs.PartialRequest(partialName).TrimEnd(), complete);
        return complete;
    }

    private static string PartialResponse(string name) =>
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "DocExamples", name + ".response.json.partial")).TrimEnd();

    /// <summary>A guide's request without its caption line (<c>// GraphQL query</c>), as <see cref="VerbatimRequests.GuideRequest"/> reads one.</summary>
    private static string WithoutCaption(string request) => string.Join('\n', request.Split('\n').Where(line => !line.TrimStart().StartsWith("//")));

    /// <summary>
    /// The Query a Catalog guides' documents close one brace more than they open, which GraphQL refuses (checked):
    /// sent without it.
    /// </summary>
    private async Task<string> Repaired(string version, string printed, JsonObject variables)
    {
        var refused = await _checkout.Send(version, printed, variables.DeepClone().AsObject());
        Assert.True(refused.Errors.Count == 1 && refused.Data is null, refused.Body.ToJsonString());
        Assert.EndsWith("}", printed.TrimEnd());
        return printed.TrimEnd()[..^1];
    }
}
