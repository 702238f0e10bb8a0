using System.Text.Json.Nodes;
using BwpOrders.Tests.Infrastructure;

namespace BwpOrders.Tests;

/// <summary>The mutations' examples (createProduct, updateProduct, deleteProduct, createPurchaseGroup), and the setup all parts share.</summary>
public sealed partial class CatalogDocExampleTests
{
    private const string ProductSelection = "id externalId { value } sku { value } amazonSku { value marketplaceId } offerPrime productDetailPageUrl image { sourceUrl }";

    [Fact]
    public async Task V2024_04_01_create_product()
    {
        const string name = "2024-04-01/createProduct.create-product";

        var response = await Send(ApiClient.V2024_04_01, Docs.Request(name));

        JsonMatch.Assert(Docs.Response(name, new Dictionary<string, string> { ["abcdef01234567"] = "<id>" }), response);
        JsonMatch.Assert("""
            {"id":"<created>","externalId":{"value":"product-externalId"},"sku":{"value":"product-sku"},"amazonSku":{"value":"product-amazon-sku","marketplaceId":null},
             "offerPrime":true,"productDetailPageUrl":"https://example.com/products/my-product","image":{"sourceUrl":"https://example.com/products/my-product.jpg"},
             "description":{"values":[{"value":"<h2>This is an English description</h2>","locale":"en-US"},{"value":"<p>这是一条中文产品描述</p>","locale":"zh-CN"}],"defaultLocale":"en-US"}}
            """, await Read(ApiClient.V2024_04_01, """{ sku: "product-sku" }""", ProductSelection + " description { values { value locale } defaultLocale }"),
            new Dictionary<string, string> { ["created"] = (string)response["data"]!["createProduct"]!["id"]! });
    }

    [Fact]
    public async Task V2024_04_01_guide_create_a_product()
    {
        const string name = "2024-04-01/createProduct.guide-create-a-product";
        // The variables are JavaScript over the page's sample data (inSearchOfLostTime): this is the JSON they evaluate
        // to. The sample has no imageAltText, so altText is undefined, which JSON leaves out.
        var variables = JsonNode.Parse("""
            {"input":{"externalId":"external-listing-id","amazonSku":{"value":"12345"},"sku":"12345","offerPrime":true,
              "productDetailPageUrl":"https://www.amazon.com/dp/12345","image":{"sourceUrl":"https://example.com/image-12345.jpg"}}}
            """)!.AsObject();
        // The mutation uses $input without declaring it, which GraphQL refuses; declared here, as CreateProductInput!.
        var printed = Docs.GuideRequest(name);
        Assert.Single((await _checkout.Send(ApiClient.V2024_04_01, printed, variables.DeepClone().AsObject())).Errors);
        var declared = printed.Replace("mutation CreateProduct {", "mutation CreateProduct($input: CreateProductInput!) {");

        var response = await Send(ApiClient.V2024_04_01, declared, variables);

        JsonMatch.Assert(Docs.Response(name, new Dictionary<string, string> { ["example-buy-with-prime-product-id"] = "<id>" }), response);
        JsonMatch.Assert("""
            {"id":"<created>","externalId":{"value":"external-listing-id"},"sku":{"value":"12345"},"amazonSku":{"value":"12345","marketplaceId":null},
             "offerPrime":true,"productDetailPageUrl":"https://www.amazon.com/dp/12345","image":{"sourceUrl":"https://example.com/image-12345.jpg"}}
            """, await Read(ApiClient.V2024_04_01, """{ externalId: "external-listing-id" }""", ProductSelection),
            new Dictionary<string, string> { ["created"] = (string)response["data"]!["createProduct"]!["id"]! });
    }

    [Fact]
    public async Task V2024_04_01_guide_create_a_variation_group_member()
    {
        // Cut off inside productDetailPageUrl, before the variationGroupMembership the guide goes on to describe (not
        // seen, and BwpOrders keeps no variations): the URL is closed where it was cut, and the mutation after it.
        var request = Docs.PartialRequest("2024-04-01/createProduct.guide-create-a-variationgroupmember").TrimEnd() + "\" }) { id } }";

        var response = await Send(ApiClient.V2024_04_01, request);

        JsonMatch.Assert("""
            {"id":"<created>","externalId":{"value":"example-variation-externalId"},"sku":{"value":"example-product-sku"},
             "amazonSku":{"value":"example-product-amazon-sku","marketplaceId":null},"offerPrime":true,"productDetailPageUrl":"https://example.com/products","image":null}
            """, await Read(ApiClient.V2024_04_01, """{ sku: "example-product-sku" }""", ProductSelection),
            new Dictionary<string, string> { ["created"] = (string)response["data"]!["createProduct"]!["id"]! });
    }

    /// <summary>Each updateProduct example, and the product after it: abcdef01234567 as <see cref="ImportProductToUpdate"/> made it, changed as the example says.</summary>
    public static TheoryData<string, string, string> Updates => new()
    {
        { ApiClient.V2024_04_01, "update-product-offer-prime-by-external-id", Updated("product-externalId", "product-sku", "product-amazon-sku", offerPrime: false, pages: false) },
        { ApiClient.V2024_04_01, "update-product-by-sku", Updated("updated-product-externalId", "product-sku") },
        { ApiClient.V2024_04_01, "update-product-by-product-id", Updated("updated-product-externalId", "updated-product-sku") },
        { ApiClient.V2024_04_01, "update-product-by-external-id", Updated("product-externalId", "updated-product-sku") },
        { ApiClient.V2024_11_01, "update-product-offer-prime-by-external-id", Updated("product-externalId", "product-sku", "product-amazon-sku", offerPrime: false, pages: false) },
        { ApiClient.V2024_11_01, "update-product-by-sku", Updated("updated-product-externalId", "product-sku") },
        { ApiClient.V2024_11_01, "update-product-by-product-id", Updated("updated-product-externalId", "updated-product-sku") },
    };

    [Theory]
    [MemberData(nameof(Updates))]
    public async Task Update_product(string version, string example, string after)
    {
        await ImportProductToUpdate();
        var name = $"{version}/updateProduct.{example}";

        JsonMatch.Assert(Docs.Response(name), await Send(version, Docs.Request(name)));
        JsonMatch.Assert(after, await Read(version, """{ productId: "abcdef01234567" }""", ProductSelection));
    }

    [Fact]
    public async Task V2024_11_01_update_product_by_external_id()
    {
        await ImportProductToUpdate();
        // Cut off in sku; all of it begins 2024-04-01's text of the example, which is sent.
        var request = CompletedBy("2024-11-01/updateProduct.update-product-by-external-id", Docs.Request("2024-04-01/updateProduct.update-product-by-external-id"));

        // The answer is cut off with the request; every updateProduct answer of the page is this one.
        JsonMatch.Assert(Docs.Response("2024-11-01/updateProduct.update-product-by-sku"), await Send(ApiClient.V2024_11_01, request));
        JsonMatch.Assert(Updated("product-externalId", "updated-product-sku"), await Read(ApiClient.V2024_11_01, """{ productId: "abcdef01234567" }""", ProductSelection));
    }

    [Theory]
    [InlineData(ApiClient.V2024_04_01, "delete-product-by-sku")]
    [InlineData(ApiClient.V2024_04_01, "delete-product-by-product-id")]
    [InlineData(ApiClient.V2024_04_01, "delete-product-by-external-id")]
    [InlineData(ApiClient.V2024_04_01, "delete-product-by-amazon-sku")]
    [InlineData(ApiClient.V2024_11_01, "delete-product-by-sku")]
    [InlineData(ApiClient.V2024_11_01, "delete-product-by-product-id")]
    [InlineData(ApiClient.V2024_11_01, "delete-product-by-external-id")]
    [InlineData(ApiClient.V2024_11_01, "delete-product-by-amazon-sku")]
    public async Task Delete_product(string version, string example)
    {
        await Import(ExampleProduct());
        var name = $"{version}/deleteProduct.{example}";

        JsonMatch.Assert(Docs.Response(name), await Send(version, Docs.Request(name)));
        (await _checkout.Send(version, """{ product(identifier: { productId: "abcdef01234567" }) { id } }""")).AssertError("ResourceNotFoundError");
    }

    [Theory]
    [InlineData(ApiClient.V2024_04_01)]
    [InlineData(ApiClient.V2024_11_01)]
    public async Task Delete_product_does_not_exist(string version)
    {
        var name = $"{version}/deleteProduct.delete-product-does-not-exist";

        var response = await _checkout.Send(version, Docs.Request(name));

        // The page prints deleteProduct indented by four spaces but points at column 3; a server points at where it is.
        var expected = Documented(name);
        Assert.Equal(3, (int)expected["errors"]![0]!["locations"]![0]!["column"]!);
        expected["errors"]![0]!["locations"]![0]!["column"] = 5;
        JsonMatch.Assert(expected.ToJsonString(), response.Body);
    }

    [Theory]
    [InlineData("create-purchase-group-with-purchase-group-members-by-sku", "member1", "member2")]
    [InlineData("create-purchase-group-with-purchase-group-members-by-mixed-input", "member1", "member2")]
    [InlineData("create-purchase-group-with-purchase-group-members-by-external-id", "member3", "member2")]
    public async Task V2024_11_01_create_purchase_group(string example, string first, string second)
    {
        await Import(
            JsonNode.Parse("""{"id":"01234567abcdef","externalId":"example-externalId","amazonSku":"example-bundle-amazon-sku","offerPrime":true}""")!.AsObject(),
            JsonNode.Parse("""{"id":"member1","sku":"example-sku-1","externalId":"example-externalId-1"}""")!.AsObject(),
            JsonNode.Parse("""{"id":"member2","sku":"example-sku-2","externalId":"example-external-id-2"}""")!.AsObject(),
            JsonNode.Parse("""{"id":"member3","sku":"example-sku-3","externalId":"example-external-id-1"}""")!.AsObject());
        const string bySku = "2024-11-01/createPurchaseGroup.create-purchase-group-with-purchase-group-members-by-sku";
        var request = Docs.Request(bySku);
        if (example.EndsWith("by-external-id", StringComparison.Ordinal))
        {
            // Cut off after the second member; closed as By Sku's text closes after its second member.
            var seen = Docs.PartialRequest($"2024-11-01/createPurchaseGroup.{example}").TrimEnd();
            request = seen + request[(request.LastIndexOf(seen[^40..], StringComparison.Ordinal) + 40)..];
        }
        else request = Docs.Request($"2024-11-01/createPurchaseGroup.{example}");

        // The answer is the bundle's id, its representative product's; By External Id's is cut off with its request.
        JsonMatch.Assert(Docs.Response(bySku), await Send(ApiClient.V2024_11_01, request));
        JsonMatch.Assert($$$"""
            {"representativeOfPurchaseGroup":{"representativeProduct":{"id":"01234567abcdef"},
              "members":[{"product":{"id":"{{{first}}}"},"memberAmount":{"value":1,"unit":"UNIT"}},{"product":{"id":"{{{second}}}"},"memberAmount":{"value":1,"unit":"UNIT"}}]}}
            """, await Read(ApiClient.V2024_11_01, """{ productId: "01234567abcdef" }""",
                "representativeOfPurchaseGroup { representativeProduct { id } members { product { id } memberAmount { value unit } } }"));
        JsonMatch.Assert("""
            {"purchaseGroupMemberships":[{"product":{"id":"member2"},"memberAmount":{"value":1,"unit":"UNIT"},"purchaseGroup":{"representativeProduct":{"id":"01234567abcdef"}}}],
             "representativeOfPurchaseGroup":null}
            """, await Read(ApiClient.V2024_11_01, """{ productId: "member2" }""",
                "purchaseGroupMemberships { product { id } memberAmount { value unit } purchaseGroup { representativeProduct { id } } } representativeOfPurchaseGroup { members { product { id } } }"));
    }

    [Fact]
    public async Task V2024_04_01_guide_create_a_purchase_group_with_a_new_product_as_the_representative_product()
    {
        await Import(JsonNode.Parse("""{"sku":"purchase-group-member-1-sku"}""")!.AsObject(), JsonNode.Parse("""{"sku":"purchase-group-member-2-sku"}""")!.AsObject());
        // Cut off at "valu" in the second member's amount; completed as the first member's, and the mutation closed.
        var request = Docs.PartialRequest("2024-04-01/createPurchaseGroup.guide-create-a-purchasegroup-with-a-new-product-as-the-representativeproduct").TrimEnd()
            + "e: 1, unit: \"UNIT\" } } ] }) { id } }";

        var response = await Send(ApiClient.V2024_04_01, request);

        // The answer was not seen: it is the new representative product's id.
        JsonMatch.Assert("""{"data":{"createPurchaseGroup":{"id":"<id>"}}}""", response);
        JsonMatch.Assert("""
            {"id":"<created>","externalId":{"value":"new-representative-product-external-id"},"offerPrime":true,"representativeOfPurchaseGroup":{"members":[
              {"product":{"sku":{"value":"purchase-group-member-1-sku"}},"memberAmount":{"value":1,"unit":"UNIT"}},
              {"product":{"sku":{"value":"purchase-group-member-2-sku"}},"memberAmount":{"value":1,"unit":"UNIT"}}]}}
            """, await Read(ApiClient.V2024_04_01, """{ sku: "new-representative-product-sku" }""",
                "id externalId { value } offerPrime representativeOfPurchaseGroup { members { product { sku { value } } memberAmount { value unit } } }"),
            new Dictionary<string, string> { ["created"] = (string)response["data"]!["createPurchaseGroup"]!["id"]! });
    }

    private Task ImportProductToUpdate() => Import(JsonNode.Parse("""
        {"id":"abcdef01234567","sku":"product-sku","externalId":"product-externalId","amazonSku":"product-amazon-sku","offerPrime":true,
         "productDetailPageUrl":"https://example.com/products/before","imageUrl":"https://example.com/products/before.jpg"}
        """)!.AsObject());

    /// <summary>abcdef01234567 after an update: these identifiers, and (<paramref name="pages"/>) the example's page and image URLs.</summary>
    private static string Updated(string externalId, string sku, string amazonSku = "updated-product-amazon-sku", bool offerPrime = true, bool pages = true) => $$$"""
        {"id":"abcdef01234567","externalId":{"value":"{{{externalId}}}"},"sku":{"value":"{{{sku}}}"},"amazonSku":{"value":"{{{amazonSku}}}","marketplaceId":null},
         "offerPrime":{{{(offerPrime ? "true" : "false")}}},"productDetailPageUrl":"https://example.com/products/{{{(pages ? "my-product" : "before")}}}",
         "image":{"sourceUrl":"https://example.com/products/{{{(pages ? "my-product" : "before")}}}.jpg"}}
        """;
}
