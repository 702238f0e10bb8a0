using System.Text.Encodings.Web;
using System.Text.Json;
using BwpOrders.Domain;
using BwpOrders.Domain.Access;
using BwpOrders.Domain.Rules;
using BwpOrders.Server.Auth;
using BwpOrders.Server.Control;
using BwpOrders.Server.Events;
using BwpOrders.Server.GraphQL;
using BwpOrders.Server.Limits;
using BwpOrders.Storage;
using GraphQL;
using GraphQL.Execution;
using GraphQL.SystemTextJson;
using GraphQL.Validation;

namespace BwpOrders.Server.Hosting;

/// <summary>
/// Builds the web application, not yet started: transport, auth, limits, versions, domain and storage wired together.
/// <see cref="BwpOrdersHost.StartAsync"/> is the entry point and this the step under it.
/// </summary>
internal static class BwpServer
{
    public static async Task<WebApplication> BuildAsync(BwpOrdersOptions options)
    {
        var builder = HostConfiguration.CreateBuilder(options);
        var limits = Settings.Bind<RequestLimits>(builder, "Limits", l => l.Check());
        builder.WebHost.ConfigureKestrel(k => ConnectionLimits.Apply(k, limits));
        ServerLogging.Configure(builder, options.Logging);
        Settings.Bind<TracingSettings>(builder, "Telemetry", t => t.Check()).Apply(builder);

        var clock = options.Clock ?? TimeProvider.System;
        var storage = StorageSpec.Open(options.Storage, Settings.Bind<StorageOptions>(builder, "Storage"));
        await storage.Orders.MigrateAsync();
        var secrets = SecretsKey.Configured(Settings.Bind<SecretsSettings>(builder, "Secrets"));
        var signingKey = SigningKey.From(await storage.Credentials.GetOrCreateSigningKeyAsync(secrets));

        builder.Services.AddSingleton(clock);
        builder.Services.AddSingleton(storage.Orders);
        builder.Services.AddSingleton(storage.Clocks);
        builder.Services.AddSingleton(storage.TargetStates);
        builder.Services.AddSingleton(storage.Catalog);
        builder.Services.AddSingleton<Domain.Catalog.CatalogService>();
        builder.Services.AddSingleton(storage.DeliveryPreviews);
        builder.Services.AddSingleton(Settings.Bind<Domain.Checkout.DeliveryPromise>(builder, "Checkout", p => p.Check()));
        builder.Services.AddSingleton<Domain.Checkout.DeliveryPreviewService>();
        builder.Services.AddSingleton(storage.TargetStateEvents);
        var ids = options.Seed is { } seed ? IdSource.Seeded(seed) : IdSource.Random;
        builder.Services.AddSingleton(ids);
        var control = Settings.Bind<ControlSettings>(builder, "Control", c => c.Check());
        builder.Services.AddSingleton<SimulatedClock>();
        builder.Services.AddSingleton<DueSignal>();
        var simulation = Settings.Bind<SimulationSettings>(builder, "Simulation", s => s.Check());
        builder.Services.AddSingleton(sp => new OrderService(sp.GetRequiredService<IOrderStore>(), sp.GetRequiredService<IClockStore>(),
            sp.GetRequiredService<SimulatedClock>(), sp.GetRequiredService<DueSignal>(), simulation.ToSimulation(options.SimulateFulfillment),
            sp.GetRequiredService<EventSignal>(), new Domain.Checkout.CheckoutLookups(storage.DeliveryPreviews, storage.Catalog, OrdersAnnounceInventory: options.Production)));
        await EventServices.AddAsync(builder, storage, options, secrets);
        builder.Services.AddHostedService<ScheduledActionRunner>();
        builder.Services.AddSingleton(storage.Credentials);
        builder.Services.AddSingleton(signingKey);
        builder.Services.AddSingleton<CredentialService>();
        builder.Services.AddSingleton<TokenIssuer>();
        builder.Services.AddSingleton<TokenEndpoint>();
        builder.Services.AddSingleton<AccessGuard>();
        builder.Services.AddSingleton<Console.ConsoleSessions>();
        builder.Services.AddSingleton<Console.ConsoleServices>();
        builder.Services.AddSingleton(new ApiSchemas(options.Production));
        // Queries run their fields one after another: the resolvers are in-memory reads of one order, and the
        // parallel strategy's task per field cost more than it saved. Cached documents are not walked again to read
        // their arguments (PlannedDocumentValidator), and their fields are collected once (PlannedExecutionStrategy).
        var validator = new PlannedDocumentValidator();
        var strategy = new PlannedExecutionStrategy(validator);
        builder.Services.AddSingleton<IDocumentExecuter>(new CheckedDocumentExecuter(new GraphQLDocumentBuilder(), validator,
            new DefaultExecutionStrategySelector([new(strategy, GraphQLParser.AST.OperationType.Query), new(strategy, GraphQLParser.AST.OperationType.Mutation)])));
        // Relaxed escaping keeps quotes in error messages readable; the content type is JSON, never HTML.
        var serializer = new BwpJsonSerializer(new JsonSerializerOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }, new BwpErrorInfoProvider());
        builder.Services.AddSingleton(serializer);
        builder.Services.AddSingleton<GraphQLSerializer>(serializer);
        builder.Services.AddSingleton<DocumentCache>();
        builder.Services.AddSingleton(Prometheus.Metrics.NewCustomRegistry()); // one per server: tests run several in one process
        builder.Services.AddSingleton<OperationTelemetry>();
        Settings.Bind<Journal.JournalSettings>(builder, "Journal", j => j.Check());
        builder.Services.AddSingleton<Journal.RequestJournal>();
        builder.Services.AddSingleton<GraphQLEndpoint>();
        builder.Services.AddSingleton<Faults.FaultRules>();
        builder.Services.AddSingleton(sp => new Faults.FaultInjector(sp.GetRequiredService<Faults.FaultRules>(), sandbox: !options.Production,
            sp.GetRequiredService<ILogger<Faults.FaultInjector>>()));

        builder.Services.AddAuthentication(BearerTokenHandler.SchemeName).AddScheme<BearerTokenOptions, BearerTokenHandler>(
            BearerTokenHandler.SchemeName, bearer =>
            {
                bearer.ValidationParameters = new TokenIssuer(signingKey, clock).ValidationParameters();
                bearer.TokenHandler = new CachingTokenHandler(clock);
            });
        RequestProtection.Configure(builder.Services, limits, control);
        var cors = Settings.Bind<CorsSettings>(builder, "Cors", c => c.Check());
        if (cors.Enabled)
            builder.Services.AddCors(o => o.AddDefaultPolicy(policy => policy.WithOrigins(cors.Origins())
                .WithHeaders(CorsSettings.AllowedHeaders).WithMethods("GET", "POST").WithExposedHeaders(ServerLogging.RequestIdHeader)));

        var app = builder.Build();
        TargetStateCaches.ForgetOnReplace(app.Services);
        // Every id a request generates comes from the server's source (seeded or random), whichever code draws it.
        app.Use((http, next) =>
        {
            ids.Use();
            return next(http);
        });
        app.UseRequestId();
        app.UseUnexpectedErrorAnswers();
        ServerMetrics.Map(app);
        if (cors.Enabled) app.UseCors(); // before authentication: a preflight carries no token
        app.UseAuthentication();
        app.UseRateLimiter();
        app.UseRequestTimeouts();

        app.MapPost("/token", (HttpContext http, TokenEndpoint endpoint) => endpoint.HandleAsync(http))
            .RequireRateLimiting(RequestProtection.TokenPolicy);
        app.MapPost("/graphql", (HttpContext http, GraphQLEndpoint endpoint) => endpoint.HandleAsync(http))
            .RequireRateLimiting(RequestProtection.GraphQLPolicy);
        app.MapGet("/graphql", (HttpContext http, GraphQLEndpoint endpoint) => endpoint.HandleAsync(http))
            .RequireRateLimiting(RequestProtection.GraphQLPolicy);
        SchemaEndpoint.Map(app);
        Explorer.ExplorerPage.Map(app);
        Console.ConsolePages.Map(app, options.Production);
        HomePage.Map(app, options.Production);
        ControlApi.Map(app, options.Production, control);
        EventServices.Map(app);
        app.MapGet("/healthz", () => Results.Text("ok"));
        app.MapGet("/readyz", async (IOrderStore s, CancellationToken ct) =>
        {
            try
            {
                return await s.PingAsync(ct) ? Results.Text("ready") : Results.StatusCode(503);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                return Results.Text("storage unavailable", statusCode: 503); // the storage did not answer within its operation timeout
            }
        });
        // Build the schemas now so a broken schema fails the start, not the first request.
        app.Services.GetRequiredService<ApiSchemas>();
        return app;
    }
}
