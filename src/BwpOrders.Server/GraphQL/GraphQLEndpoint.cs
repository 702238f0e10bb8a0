using System.Text;
using System.Text.Json;
using BwpOrders.Domain;
using BwpOrders.Domain.Access;
using BwpOrders.Server.Api;
using BwpOrders.Server.Auth;
using BwpOrders.Server.Limits;
using GraphQL;
using GraphQL.Execution;
using GraphQL.SystemTextJson;
using GraphQL.Types;
using GraphQL.Transport;
using GraphQLParser;
using GraphQLParser.AST;
using Microsoft.Extensions.Options;

namespace BwpOrders.Server.GraphQL;

/// <summary>
/// GraphQL over HTTP: POST with a JSON body, GET for queries. Before anything executes it checks, in order:
/// the body, the bearer token, the version, the target, the document's limits and the operation's scope.
/// A request refused there is answered 4xx; GraphQL errors during execution are answered 200 — both in
/// BwP's error shape.
/// </summary>
public sealed class GraphQLEndpoint(
    ApiSchemas schemas,
    IDocumentExecuter executer,
    BwpJsonSerializer serializer,
    OrderService orders,
    SimulatedClock clock,
    AccessGuard guard,
    DocumentCache documents,
    IOptions<RequestLimits> limits,
    Faults.FaultInjector faults,
    Hosting.OperationTelemetry telemetry,
    Journal.RequestJournal journal,
    ILogger<GraphQLEndpoint> logger)
{
    public const string VersionHeader = "x-api-version";

    /// <summary>
    /// The stages of a request, in order: who calls, what they sent, which version and target, which one operation
    /// runs (checked before it does), running it, answering. A stage that refuses ends the request.
    /// </summary>
    public async Task HandleAsync(HttpContext http)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        using var span = Hosting.OperationTelemetry.StartSpan();
        string? version = null, operationType = null, operationName = null;
        IReadOnlyList<string> rootFields = [];
        IReadOnlyList<(string, string)> errors = [];
        GraphQLRequest? request = null;
        string? journaled = null; // the target, once the caller is known to act for it: only then is a request its to see
        try
        {
            var caller = await guard.AuthenticateAsync(http);
            request = await ReadAsync(http.Request);
            (version, var schema) = PickSchema(http.Request);
            var target = AccessGuard.ReadTarget(http.Request);
            AccessGuard.CheckTarget(caller, target);
            journaled = target;
            if (journal.Captures(target)) http.Items[BwpResponses.KeepBody] = null;
            var admitted = Admit(http, request, version, caller);
            operationType = admitted.Operation.Operation.ToString().ToLowerInvariant();
            operationName = admitted.Operation.Name?.StringValue;
            if (faults.Fire(http, target, version, admitted.Document, admitted.Operation, request.Variables) is { } fault)
            {
                // Journaled as refused (nothing ran) with the fault's code, set first: a Timeout fault ends in cancellation.
                if (Faults.FaultInjector.Code(fault.Kind) is { } code) errors = [(code, "")];
                if (await Faults.FaultInjector.AnswerAsync(http, fault)) return;
                errors = [];
            }
            var result = await ExecuteAsync(http, schema, request, admitted, target);
            // Executed means validation passed: only then is the document worth keeping, and its field names known.
            if (result.Executed)
            {
                if (!admitted.Cached) documents.Admit(admitted.Key, admitted.Document, admitted.Tokens);
                rootFields = Auth.OperationScopes.RootFields(admitted.Operation, admitted.Document).ToList();
            }
            errors = CodesOf(result.Errors);
            await WriteResultAsync(http, result);
        }
        catch (ExecutionError requestError)
        {
            // A syntax error or no operation to run: answered as GraphQL.NET answers it, with nothing executed.
            errors = CodesOf([requestError]);
            await WriteResultAsync(http, new ExecutionResult { Errors = [requestError] });
        }
        catch (RequestRejected rejected)
        {
            errors = [(rejected.Code, "")];
            await BwpResponses.WriteErrorAsync(http, rejected.Status, rejected.Kind, rejected.Code, rejected.Message, http.RequestAborted);
        }
        finally
        {
            // A request the timeout cut short gets its 504 from the timeout middleware after this: record that answer.
            var timedOut = !http.Response.HasStarted && http.Features.Get<Microsoft.AspNetCore.Http.Timeouts.IHttpRequestTimeoutFeature>()?.RequestTimeoutToken.IsCancellationRequested == true;
            if (timedOut && errors.Count == 0) errors = [(Hosting.RequestProtection.TimeoutCode, "")];
            var outcome = new Hosting.OperationOutcome(version, operationType, operationName, rootFields, errors,
                timedOut ? Hosting.RequestProtection.TimeoutStatus : http.Response.StatusCode, System.Diagnostics.Stopwatch.GetElapsedTime(started));
            telemetry.Observe(outcome, span);
            if (journaled is not null) journal.Record(journaled, http.TraceIdentifier, outcome, Captured(http, request));
        }
    }

    /// <summary>The request and its answer as sent, where the target captures them whole; otherwise null.</summary>
    private Journal.CapturedExchange? Captured(HttpContext http, GraphQLRequest? request) =>
        http.Items.TryGetValue(BwpResponses.KeepBody, out var body)
            ? new Journal.CapturedExchange(request?.Query, request?.Variables is { } variables ? serializer.Serialize(variables) : null, body as string)
            : null;

    private static List<(string, string)> CodesOf(IEnumerable<ExecutionError>? errors) =>
        errors?.Select(e => (BwpErrorInfoProvider.CodeOf(e) ?? "None", string.Join(".", e.Path ?? []))).ToList() ?? [];

    private Task<GraphQLRequest> ReadAsync(HttpRequest request) =>
        request.Method == HttpMethods.Get ? Task.FromResult(ReadQueryString(request)) : ReadBodyAsync(request);

    /// <summary>The document (cached, or parsed now), the one operation of it that runs, and whether it passed the limits before.</summary>
    private sealed record AdmittedOperation(DocumentCache.Key Key, GraphQLDocument Document, int Tokens, bool Cached, GraphQLOperationDefinition Operation);

    /// <summary>
    /// One operation is selected, then checked (limits, the GET rule, scopes) and later executed: the checks apply
    /// to exactly what runs.
    /// </summary>
    private AdmittedOperation Admit(HttpContext http, GraphQLRequest request, string version, Caller caller)
    {
        var key = new DocumentCache.Key(version, request.OperationName, request.Query!);
        var cached = documents.Find(key);
        var (document, tokens) = cached is null ? Parse(request) : (cached, 0);
        var operation = OperationSelection.Select(document, request.OperationName);
        CheckOperation(http, document, operation, caller, limitsChecked: cached is not null);
        CheckLimits(() => DocumentLimits.CheckVariables(request.Variables, limits.Value));
        return new AdmittedOperation(key, document, tokens, cached is not null, operation);
    }

    private Task<ExecutionResult> ExecuteAsync(HttpContext http, ISchema schema, GraphQLRequest request, AdmittedOperation admitted, string target) =>
        executer.ExecuteAsync(options =>
        {
            options.Schema = schema;
            options.Document = admitted.Document;
            // A cached document was validated against this schema when it was admitted; variables are still coerced.
            if (admitted.Cached) options.ValidationRules = [];
            options.Variables = request.Variables;
            options.OperationName = request.OperationName;
            options.UserContext = new RequestContext(target, orders, clock) { CheckedOperation = admitted.Operation };
            options.RequestServices = http.RequestServices;
            options.CancellationToken = http.RequestAborted;
            options.UnhandledExceptionDelegate = context =>
            {
                // A domain error names its field in the domain's terms; the failing operation's input says it in the version's.
                if (context.OriginalException is BwpException bwp)
                    context.Exception = BwpExecutionError.From(bwp, SchemaBuilderExtensions.InputPathsOf(context.FieldContext));
                else if (context.OriginalException is not OperationCanceledException)
                    logger.LogError(context.OriginalException, "Unhandled error in {Field}", context.FieldContext?.FieldDefinition.Name);
                return Task.CompletedTask;
            };
        });

    /// <summary>
    /// GraphQL over HTTP: a request error (parse, validation, variable coercion; no data entry) is 200 for
    /// application/json but 400 for application/graphql-response+json.
    /// </summary>
    private static Task WriteResultAsync(HttpContext http, ExecutionResult result) =>
        BwpResponses.WriteAsync(http, result.Executed || !ResponseMediaType.PrefersGraphQLResponse(http.Request) ? 200 : 400, result, http.RequestAborted);

    private (string Version, ISchema Schema) PickSchema(HttpRequest request)
    {
        var version = request.Headers[VersionHeader].ToString();
        if (version.Length == 0) version = ApiVersion.Latest.Name;
        var schema = schemas.Find(version) ?? throw Invalid(400, "UnsupportedApiVersion",
            $"API version '{Truncate(version)}' is not supported. Supported versions: {string.Join(", ", schemas.Versions)} (send one in the {VersionHeader} header; none means {ApiVersion.Latest}).");
        return (version, schema);
    }

    /// <summary>
    /// Counts tokens (refusing a document too large to be worth parsing), then parses. Only a parsed document goes to
    /// the executer: it never parses a query text itself, which would run an operation nobody checked.
    /// </summary>
    /// <exception cref="SyntaxError">The query is not GraphQL (answered with its location).</exception>
    private (GraphQLDocument Document, int Tokens) Parse(GraphQLRequest request)
    {
        var tokens = CheckLimits(() => DocumentLimits.CountTokens(request.Query!, limits.Value));
        try
        {
            return (Parser.Parse(request.Query!, new ParserOptions { MaxDepth = MaxParseDepth }), tokens ?? 0);
        }
        catch (GraphQLParser.Exceptions.GraphQLSyntaxErrorException e)
        {
            throw new SyntaxError(e);
        }
        catch (GraphQLParser.Exceptions.GraphQLMaxDepthExceededException)
        {
            throw Invalid(400, "MaxQueryDepthExceeded", $"The query is nested deeper than {MaxParseDepth} syntax levels.");
        }
    }

    private const int MaxParseDepth = 128;

    /// <summary>
    /// Limits (unless this operation passed them when it was cached), GET-only-queries and the scope the operation
    /// needs, all before execution, on the operation <see cref="OperationSelection"/> chose.
    /// </summary>
    private void CheckOperation(HttpContext http, GraphQLDocument document, GraphQLOperationDefinition operation, Caller caller, bool limitsChecked)
    {
        if (!limitsChecked) CheckLimits(() => DocumentLimits.CheckOperation(operation, document, limits.Value));
        if (operation.Operation != OperationType.Query && http.Request.Method == HttpMethods.Get)
        {
            http.Response.Headers.Allow = "POST";
            throw Invalid(405, ErrorCodes.InvalidInput, "Mutations must be sent with POST.");
        }
        OperationScopes.Check(caller, operation, document);
    }

    /// <summary>A limit exceeded is a 400 before anything runs.</summary>
    private static T CheckLimits<T>(Func<T> check)
    {
        try
        {
            return check();
        }
        catch (BwpException e)
        {
            throw new RequestRejected(400, e.Kind, e.Code!, e.Message);
        }
    }

    private static void CheckLimits(Action check) => CheckLimits(() => { check(); return 0; });

    private async Task<GraphQLRequest> ReadBodyAsync(HttpRequest request)
    {
        // Only JSON bodies: a text/plain or form POST is what a cross-site page can send without asking.
        if (!request.HasJsonContentType())
            throw Invalid(415, "UnsupportedMediaType", "POST /graphql needs Content-Type: application/json.");
        GraphQLRequest? parsed;
        try
        {
            parsed = await ParseWholeBodyAsync(request);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            throw Invalid(413, "RequestTooLarge", $"The request body is larger than {limits.Value.MaxBodyBytes} bytes.");
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status408RequestTimeout)
        {
            // Kestrel's minimum body data rate: the connection is closed after this answer.
            throw Invalid(408, "RequestBodyTooSlow",
                $"The request body arrived slower than {limits.Value.MinBodyBytesPerSecond} bytes per second; send it at once.");
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException or ArgumentException or DecoderFallbackException or BadHttpRequestException)
        {
            parsed = null;
        }
        return Validated(parsed);
    }

    /// <summary>Reads the body to its end (Kestrel bounds its size), then parses it in one synchronous pass.</summary>
    private async Task<GraphQLRequest?> ParseWholeBodyAsync(HttpRequest request)
    {
        var body = request.BodyReader;
        while (true)
        {
            var read = await body.ReadAsync(request.HttpContext.RequestAborted);
            if (!read.IsCompleted)
            {
                body.AdvanceTo(read.Buffer.Start, read.Buffer.End);
                continue;
            }
            try
            {
                if (IsJsonArray(read.Buffer))
                    throw Invalid(400, "BatchingNotSupported", "Batched requests (a JSON array of operations) are not supported: send one operation per request.");
                return serializer.Read<GraphQLRequest>(read.Buffer);
            }
            finally { body.AdvanceTo(read.Buffer.End); }
        }
    }

    private GraphQLRequest ReadQueryString(HttpRequest request)
    {
        try
        {
            var variables = request.Query["variables"].ToString();
            var extensions = request.Query["extensions"].ToString();
            return Validated(new GraphQLRequest
            {
                Query = request.Query["query"],
                OperationName = request.Query["operationName"],
                Variables = variables.Length > 0 ? serializer.Deserialize<Inputs>(variables) : null,
                Extensions = extensions.Length > 0 ? serializer.Deserialize<Inputs>(extensions) : null,
            });
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException or ArgumentException)
        {
            return Validated(null);
        }
    }

    /// <summary>Whether the body's first JSON token opens an array (a batch, as some clients send).</summary>
    private static bool IsJsonArray(System.Buffers.ReadOnlySequence<byte> body)
    {
        foreach (var segment in body)
            foreach (var b in segment.Span)
                if (b is not ((byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')) return b == (byte)'[';
        return false;
    }

    private static GraphQLRequest Validated(GraphQLRequest? request)
    {
        if (request is null)
            throw Invalid(400, ErrorCodes.InvalidInput, "The request body must be JSON: {\"query\": \"...\", \"variables\": {...}, \"operationName\": \"...\"}.");
        // Automatic persisted queries (a hash instead of the query): the conventional answer, on which clients such as
        // Apollo's persisted-queries link stop sending hashes and send the whole query.
        if (string.IsNullOrWhiteSpace(request.Query) && request.Extensions?.ContainsKey("persistedQuery") == true)
            throw Invalid(400, "PersistedQueryNotSupported", "PersistedQueryNotSupported");
        if (string.IsNullOrWhiteSpace(request.Query))
            throw Invalid(400, ErrorCodes.InvalidInput, "The request has no GraphQL query.");
        request.OperationName = OperationSelection.Normalize(request.OperationName);
        return request;
    }

    private static RequestRejected Invalid(int status, string code, string message) => new(status, ErrorKind.Validation, code, message);

    internal static string Truncate(string value) => value.Length <= 40 ? value : value[..40] + "...";
}
