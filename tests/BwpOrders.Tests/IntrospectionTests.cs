using System.Net;
using System.Text.Json.Nodes;
using BwpOrders.Server.Api;
using BwpOrders.Server.GraphQL;
using BwpOrders.Tests.Infrastructure;
using GraphQLParser.AST;

namespace BwpOrders.Tests;

/// <summary>
/// Introspection as the GraphQL spec (October 2021 and the draft) defines it, in every version: what graphql-js,
/// GraphiQL and codegen ask answers, every deprecation in our SDL shows, and <c>GET /schema/VERSION.graphql</c> is
/// the same schema as introspection shows.
/// </summary>
public sealed class IntrospectionTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    private const string Target = "bp-introspection";

    [NodeTheory]
    [InlineData(ApiClient.V2024_01_01)]
    [InlineData(ApiClient.V2024_04_01)]
    [InlineData(ApiClient.V2024_11_01)]
    public Task Graphql_js_builds_the_schema_from_introspection_and_from_the_sdl_alike(string version) =>
        AssertIntrospectionCheckPasses(server, Target, version);

    /// <summary>tests/e2e/introspection-check.mjs passes against the server in the version.</summary>
    internal static async Task AssertIntrospectionCheckPasses(ServerFixture server, string target, string version)
    {
        var (exitCode, output) = await E2e.RunAsync("introspection-check.mjs", server, target, version);

        Assert.True(exitCode == 0, output);
        Assert.Contains($"introspection check {version}: ok", output);
    }

    [Fact]
    public async Task Every_deprecated_argument_and_input_field_of_the_sdl_shows_deprecated_with_its_reason()
    {
        var declared = DeprecatedInputValues.InServerSdl();
        var shown = new HashSet<DeprecatedInputValues.Item>();
        foreach (var version in new[] { ApiClient.V2024_01_01, ApiClient.V2024_04_01, ApiClient.V2024_11_01 })
        {
            // A type may be deprecated in one version's SDL and current in another's (IdentityTokenInput's idP fields).
            var inVersion = DeprecatedInputValues.InServerSdl(version);
            var types = (await server.Api.Send(Target, version, """
                { __schema { types { name
                  inputFields(includeDeprecated: true) { name isDeprecated deprecationReason }
                  fields(includeDeprecated: true) { name args(includeDeprecated: true) { name isDeprecated deprecationReason } } } } }
                """)).AssertSuccess().Data!["__schema"]!["types"]!.AsArray();
            foreach (var item in inVersion)
            {
                var value = Find(types, item);
                Assert.True(value is not null, $"{version} {item} is not in introspection");
                Assert.True((bool)value!["isDeprecated"]!, $"{version} {item} is not deprecated in introspection");
                Assert.Equal(item.Reason, (string?)value["deprecationReason"]);
                shown.Add(item);
            }
        }

        Assert.Equal(declared.OrderBy(i => i.ToString()), shown.OrderBy(i => i.ToString()));
        Assert.Contains(new("Query", "order", "orderId", "No longer supported"), shown);
        Assert.Contains(new("LineItemInput", "quantity", null, "Use amount"), shown);
        Assert.Contains(new("LineItemInput", "lineItemAliases", null, "Use aliases"), shown);
    }

    [Theory]
    [InlineData(ApiClient.V2024_01_01)]
    [InlineData(ApiClient.V2024_11_01)]
    public async Task Deprecated_input_values_are_left_out_unless_asked_for_as_the_spec_says(string version)
    {
        var data = (await server.Api.Send(Target, version, """
            { q: __type(name: "Query") { fields { name args { name } } }
              i: __type(name: "LineItemInput") { inputFields { name } all: inputFields(includeDeprecated: true) { name } } }
            """)).AssertSuccess().Data!;

        var orderArgs = data["q"]!["fields"]!.AsArray().Single(f => (string?)f!["name"] == "order")!["args"]!.AsArray().Select(a => (string)a!["name"]!);
        Assert.DoesNotContain("orderId", orderArgs);
        var inputs = data["i"]!["inputFields"]!.AsArray().Select(f => (string)f!["name"]!).ToList();
        var all = data["i"]!["all"]!.AsArray().Select(f => (string)f!["name"]!).ToList();
        Assert.DoesNotContain("quantity", inputs);
        Assert.Equal(version == ApiClient.V2024_01_01, all.Contains("quantity"));
    }

    [Theory]
    [InlineData(ApiClient.V2024_01_01)]
    [InlineData(ApiClient.V2024_04_01)]
    [InlineData(ApiClient.V2024_11_01)]
    public async Task The_draft_introspection_fields_and_directives_answer(string version)
    {
        var data = (await server.Api.Send(Target, version, """
            { __schema { description directives { name isRepeatable locations args(includeDeprecated: true) { name isDeprecated deprecationReason } } }
              decimal: __type(name: "Decimal") { kind specifiedByURL isOneOf }
              input: __type(name: "AliasInput") { isOneOf } }
            """)).AssertSuccess().Data!;

        var directives = data["__schema"]!["directives"]!.AsArray().ToDictionary(d => (string)d!["name"]!, d => d!);
        Assert.Equal(["deprecated", "include", "oneOf", "skip", "specifiedBy"], directives.Keys.Order());
        Assert.All(directives.Values, d => Assert.False((bool)d["isRepeatable"]!));
        Assert.Equal(["ARGUMENT_DEFINITION", "ENUM_VALUE", "FIELD_DEFINITION", "INPUT_FIELD_DEFINITION"],
            directives["deprecated"]["locations"]!.AsArray().Select(l => (string)l!).Order());
        Assert.Equal(["SCALAR"], directives["specifiedBy"]["locations"]!.AsArray().Select(l => (string)l!));
        Assert.Equal("url", (string?)directives["specifiedBy"]["args"]![0]!["name"]);
        Assert.Equal(["INPUT_OBJECT"], directives["oneOf"]["locations"]!.AsArray().Select(l => (string)l!));
        JsonMatch.Assert("""{"kind":"SCALAR","specifiedByURL":null,"isOneOf":null}""", data["decimal"]);
        JsonMatch.Assert("""{"isOneOf":false}""", data["input"]);
    }

    [Fact]
    public async Task The_sdl_of_each_version_is_served_without_a_token_as_plain_text()
    {
        foreach (var version in new[] { ApiClient.V2024_01_01, ApiClient.V2024_04_01, ApiClient.V2024_11_01 })
        {
            using var response = await server.Api.Http.GetAsync($"/schema/{version}.graphql");
            var sdl = await response.Content.ReadAsStringAsync();

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("text/plain; charset=utf-8", response.Content.Headers.ContentType?.ToString());
            Assert.Contains("scalar Decimal", sdl);
            Assert.Contains("type Query {", sdl);
            Assert.Equal(new ApiSchemas().Print(version), sdl);
        }
        Assert.Contains("orderId: String @deprecated(reason: \"No longer supported\")", await server.Api.Http.GetStringAsync("/schema/2024-01-01.graphql"));
        Assert.Contains("updateOrderPackageInformation(", await server.Api.Http.GetStringAsync("/schema/2024-11-01.graphql")); // sandbox mutation
    }

    [Fact]
    public async Task An_unknown_version_has_no_sdl_and_says_which_versions_there_are()
    {
        using var response = await server.Api.Http.GetAsync("/schema/2023-07-01.graphql");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("No API version '2023-07-01' here: this server serves 2024-01-01, 2024-04-01, 2024-11-01", await response.Content.ReadAsStringAsync());
    }

    private static JsonNode? Find(JsonArray types, DeprecatedInputValues.Item item)
    {
        var type = types.FirstOrDefault(t => (string?)t!["name"] == item.Type);
        if (type is null) return null;
        if (item.Argument is null) return (type["inputFields"] as JsonArray)?.FirstOrDefault(f => (string?)f!["name"] == item.Field);
        var field = (type["fields"] as JsonArray)?.FirstOrDefault(f => (string?)f!["name"] == item.Field);
        return (field?["args"] as JsonArray)?.FirstOrDefault(a => (string?)a!["name"] == item.Argument);
    }
}

/// <summary>In production the served SDL, like introspection, has no sandbox mutations.</summary>
public sealed class ProductionSchemaTests : IAsyncLifetime
{
    private const string Target = "bp-introspection-production";
    private readonly ServerFixture _server = new() { Production = true };

    [Fact]
    public async Task The_production_sdl_is_the_production_schema()
    {
        var sdl = await _server.Api.Http.GetStringAsync("/schema/2024-11-01.graphql");
        var mutations = (await _server.Api.Send(Target, ApiClient.V2024_11_01, """{ __type(name: "Mutation") { fields { name } } }"""))
            .AssertSuccess().Data!["__type"]!["fields"]!.AsArray().Select(f => (string)f!["name"]!).ToList();

        Assert.DoesNotContain("updateOrderPackageInformation", sdl);
        Assert.DoesNotContain("updateOrderPackageInformation", mutations);
        Assert.Contains("createOrder", mutations);
        Assert.Equal(new ApiSchemas(production: true).Print(ApiClient.V2024_11_01), sdl);
    }

    [NodeTheory]
    [InlineData(ApiClient.V2024_01_01)]
    [InlineData(ApiClient.V2024_11_01)]
    public Task Graphql_js_finds_the_production_sdl_equal_to_introspection(string version) =>
        IntrospectionTests.AssertIntrospectionCheckPasses(_server, Target, version);

    public Task InitializeAsync() => _server.InitializeAsync();

    public Task DisposeAsync() => _server.DisposeAsync();
}

/// <summary>The arguments and input fields our SDL files mark <c>@deprecated</c>, read from the server's own resources.</summary>
public static class DeprecatedInputValues
{
    /// <summary>An input field (<see cref="Argument"/> null) or a field's argument, with its deprecation reason.</summary>
    public sealed record Item(string Type, string Field, string? Argument, string Reason)
    {
        public override string ToString() => Argument is null ? $"{Type}.{Field}" : $"{Type}.{Field}({Argument}:)";
    }

    /// <summary>What the SDL deprecates: every file's, or the files of one version's schema.</summary>
    public static HashSet<Item> InServerSdl(string? version = null)
    {
        var assembly = typeof(ApiSchemas).Assembly;
        var items = new HashSet<Item>();
        var names = version is null ? assembly.GetManifestResourceNames().Where(n => n.EndsWith(".graphql", StringComparison.Ordinal))
            : ApiModules.All.SelectMany(m => m.Sdl(ApiVersion.Parse(version)!, production: false)).Select(n => "Api/" + n);
        foreach (var name in names)
        {
            using var reader = new StreamReader(assembly.GetManifestResourceStream(name)!);
            foreach (var definition in GraphQLParser.Parser.Parse(reader.ReadToEnd()).Definitions)
                items.UnionWith(In(definition));
        }
        Assert.NotEmpty(items);
        return items;
    }

    private static IEnumerable<Item> In(ASTNode definition) => definition switch
    {
        GraphQLInputObjectTypeDefinition input => (input.Fields?.Items ?? []).SelectMany(f => Reason(f).Select(r => new Item(input.Name.StringValue, f.Name.StringValue, null, r))),
        GraphQLObjectTypeDefinition type => Arguments(type.Name.StringValue, type.Fields?.Items),
        GraphQLObjectTypeExtension extension => Arguments(extension.Name.StringValue, extension.Fields?.Items),
        _ => [],
    };

    private static IEnumerable<Item> Arguments(string type, List<GraphQLFieldDefinition>? fields) =>
        from field in fields ?? []
        from argument in field.Arguments?.Items ?? []
        from reason in Reason(argument)
        select new Item(type, field.Name.StringValue, argument.Name.StringValue, reason);

    /// <summary>The reason of the value's <c>@deprecated</c>, if it has one (the spec's default when none is given).</summary>
    private static IEnumerable<string> Reason(IHasDirectivesNode node) =>
        from directive in node.Directives?.Items ?? []
        where directive.Name.StringValue == "deprecated"
        select directive.Arguments?.Items.FirstOrDefault(a => a.Name.StringValue == "reason")?.Value is GraphQLStringValue reason
            ? reason.Value.ToString()
            : "No longer supported";
}
