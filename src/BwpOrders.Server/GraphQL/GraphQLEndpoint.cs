using System.Text;
using System.Text.Json;
using BwpOrders.Domain;
using GraphQL;
using GraphQL.Execution;
using GraphQL.SystemTextJson;
using GraphQL.Transport;
using GraphQLParser;
using GraphQLParser.AST;
using Microsoft.Extensions.Caching.Memory;

namespace BwpOrders.Server.GraphQL;

/// <summary>
/// GraphQL over HTTP: POST with a JSON body, GET for queries. Picks the schema from <c>x-api-version</c>
/// and scopes the request to <c>x-api-target-id</c>. GraphQL errors are answered with 200; a request that
/// cannot be executed at all (bad JSON, no query, unknown version) with 4xx — both in BwP's error shape.
/// </summary>
public sealed class GraphQLEndpoint(
    ApiSchemas schemas,
    IDocumentExecuter executer,
    GraphQLSerializer serializer,
    OrderService orders,
    ILogger<GraphQLEndpoint> logger)
{
    public const string VersionHeader = "x-api-version";
    public const string TargetHeader = "x-api-target-id";
    private const int MaxTargetIdLength = 128;

    private readonly MemoryCache _documents = new(new MemoryCacheOptions { SizeLimit = 2_000 });

    public async Task HandleAsync(HttpContext http)
    {
        var request = http.Request.Method == HttpMethods.Get ? ReadQueryString(http.Request) : await ReadBodyAsync(http.Request);
        if (request is null) { await Fail(http, 400, ErrorCodes.InvalidInput, "The request body must be JSON: {\"query\": \"...\", \"variables\": {...}, \"operationName\": \"...\"}."); return; }
        if (string.IsNullOrWhiteSpace(request.Query)) { await Fail(http, 400, ErrorCodes.InvalidInput, "The request has no GraphQL query."); return; }

        var version = http.Request.Headers[VersionHeader].ToString();
        if (version.Length == 0) version = ApiSchemas.Latest;
        var schema = schemas.Find(version);
        if (schema is null)
        {
            await Fail(http, 400, "UnsupportedApiVersion",
                $"API version '{version}' is not supported. Supported versions: {string.Join(", ", schemas.Versions)} (send one in the {VersionHeader} header; none means {ApiSchemas.Latest}).");
            return;
        }
        var target = http.Request.Headers[TargetHeader].ToString();
        if (target.Length == 0 || target.Length > MaxTargetIdLength || target.Any(char.IsControl))
        {
            await Fail(http, 400, "MissingTargetId", $"The {TargetHeader} header is required and must name your target (1-{MaxTargetIdLength} printable characters).");
            return;
        }

        var document = Parse(request.Query, out var syntaxError);
        if (document is not null && http.Request.Method == HttpMethods.Get && IsMutation(document, request.OperationName))
        {
            http.Response.Headers.Allow = "POST";
            await Fail(http, 405, ErrorCodes.InvalidInput, "Mutations must be sent with POST.");
            return;
        }

        var result = await executer.ExecuteAsync(options =>
        {
            options.Schema = schema;
            options.Query = request.Query;
            options.Document = document;
            options.Variables = request.Variables;
            options.OperationName = request.OperationName;
            options.UserContext = new RequestContext(target, orders);
            options.RequestServices = http.RequestServices;
            options.CancellationToken = http.RequestAborted;
            options.UnhandledExceptionDelegate = context =>
            {
                if (context.OriginalException is BwpException bwp)
                    context.Exception = BwpExecutionError.From(bwp);
                else
                    logger.LogError(context.OriginalException, "Unhandled error in {Field}", context.FieldContext?.FieldDefinition.Name);
                return Task.CompletedTask;
            };
        });
        if (syntaxError is not null) logger.LogDebug("GraphQL syntax error: {Message}", syntaxError.Message);
        http.Response.StatusCode = 200;
        http.Response.ContentType = "application/json; charset=utf-8";
        await serializer.WriteAsync(http.Response.Body, result, http.RequestAborted);
    }

    /// <summary>Parses once per distinct query text; unparsable queries are left to the executer to report.</summary>
    private GraphQLDocument? Parse(string query, out Exception? error)
    {
        error = null;
        if (_documents.TryGetValue(query, out GraphQLDocument? cached)) return cached;
        try
        {
            var document = Parser.Parse(query);
            _documents.Set(query, document, new MemoryCacheEntryOptions { Size = 1, SlidingExpiration = TimeSpan.FromMinutes(30) });
            return document;
        }
        catch (Exception e)
        {
            error = e;
            return null;
        }
    }

    private static bool IsMutation(GraphQLDocument document, string? operationName)
    {
        var operations = document.Definitions.OfType<GraphQLOperationDefinition>().ToList();
        var operation = operationName is null ? operations.FirstOrDefault() : operations.FirstOrDefault(o => o.Name?.StringValue == operationName);
        return operation?.Operation == OperationType.Mutation;
    }

    private async Task<GraphQLRequest?> ReadBodyAsync(HttpRequest request)
    {
        try
        {
            return await serializer.ReadAsync<GraphQLRequest>(request.Body, request.HttpContext.RequestAborted);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException or ArgumentException or DecoderFallbackException)
        {
            return null;
        }
    }

    private GraphQLRequest? ReadQueryString(HttpRequest request)
    {
        try
        {
            var variables = request.Query["variables"].ToString();
            return new GraphQLRequest
            {
                Query = request.Query["query"],
                OperationName = request.Query["operationName"].ToString() is { Length: > 0 } name ? name : null,
                Variables = variables.Length > 0 ? serializer.Deserialize<Inputs>(variables) : null,
            };
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException or ArgumentException)
        {
            return null;
        }
    }

    private async Task Fail(HttpContext http, int status, string code, string message)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = "application/json; charset=utf-8";
        var result = new ExecutionResult { Errors = [new BwpExecutionError(ErrorKind.Validation, code, message)] };
        await serializer.WriteAsync(http.Response.Body, result, http.RequestAborted);
    }
}
