using System.CommandLine;
using BwpOrders.Cli;
using BwpOrders.Domain.Access;
using BwpOrders.Server.Hosting;
using BwpOrders.Storage;

var urls = new Option<string>("--urls")
{
    Description = "Addresses to listen on (default: ASPNETCORE_URLS; else every interface at the port of BWP_HTTP_PORT; else http://127.0.0.1:8080)",
    DefaultValueFactory = _ => Listening.DefaultUrls(),
};
var storage = new Option<string>("--storage")
{
    Description = "sqlite:PATH or postgres:CONNECTION_STRING (default: BWP_STORAGE; else sqlite:$BWP_DATA_DIR/bwp-orders.db; else sqlite:./data/bwp-orders.db)",
    DefaultValueFactory = _ => Environment.GetEnvironmentVariable("BWP_STORAGE")
        ?? (Environment.GetEnvironmentVariable("BWP_DATA_DIR") is { Length: > 0 } data ? "sqlite:" + Path.Combine(data, "bwp-orders.db") : StorageSpec.Default),
};
var sandbox = new Option<bool>("--sandbox")
{
    Description = "Create and print a sandbox credential at start, even if the store has credentials (not in production)",
    DefaultValueFactory = _ => Environment.GetEnvironmentVariable("BWP_SANDBOX") == "1",
};

var simulateFulfillment = new Option<bool>("--simulate-fulfillment")
{
    Description = "Move packages PENDING → IN_TRANSIT → DELIVERED on each target's clock (delays: Simulation__InTransitAfter, Simulation__DeliveredAfter)",
    DefaultValueFactory = _ => Environment.GetEnvironmentVariable("BWP_SIMULATE_FULFILLMENT") is "1" or "true" or "True" or "TRUE",
};
var environment = new Option<string>("--environment")
{
    Description = "sandbox (default) or production: production serves no sandbox mutations, as BwP's production API",
    DefaultValueFactory = _ => Environment.GetEnvironmentVariable("BWP_ENVIRONMENT") ?? "sandbox",
};
environment.AcceptOnlyFromAmong("sandbox", "production");
var ephemeral = new Option<bool>("--ephemeral") { Description = "A throwaway SQLite store in a fresh temporary directory, deleted on exit (not with --storage)" };
var seed = new Option<int?>("--seed") { Description = "Generate ids (orders, items, returns, refunds, tracking numbers, subscriptions...) from this seed: the same requests on a fresh store get the same ids" };

var serve = new Command("serve", "Run the BwP Order API") { urls, storage, sandbox, simulateFulfillment, environment, ephemeral, seed };
serve.SetAction(async (parse, ct) =>
{
    var production = parse.GetValue(environment) == "production";
    if (production && parse.GetValue(sandbox))
        throw new ArgumentException("--sandbox creates a credential and prints its secret: not with --environment production (use credentials create).");
    if (parse.GetValue(ephemeral) && parse.GetResult(storage) is { Implicit: false })
        throw new ArgumentException("--ephemeral makes its own store: not with --storage.");
    using var throwaway = parse.GetValue(ephemeral) ? new EphemeralStore() : null;
    if (throwaway is not null) Console.WriteLine($"Ephemeral store: {throwaway.Directory} (deleted on exit)");
    var options = new BwpOrdersOptions
    {
        Urls = parse.GetValue(urls)!,
        Storage = throwaway?.Spec ?? parse.GetValue(storage)!,
        Seed = parse.GetValue(seed),
        SimulateFulfillment = parse.GetValue(simulateFulfillment),
        Production = production,
        SandboxCredential = parse.GetValue(sandbox) ? SandboxCredentialPolicy.Always : SandboxCredentialPolicy.WhenStoreHasNone,
        ReadProcessConfiguration = true,
    };
    StartupReport.Starting(options);
    await using var server = await BwpOrdersHost.StartAsync(options, ct);
    StartupReport.Listening(server);
    if (server.SandboxCredential is { } credential) CredentialCommands.PrintSandbox(credential, server.BaseAddress);
    else if (production) await CredentialCommands.AdviseIfNoneAsync(server.Services.GetRequiredService<ICredentialStore>(), ct);
    await server.WaitForShutdownAsync();
    return 0;
});

var root = new RootCommand("BwpOrders: a self-hostable Buy with Prime Order API server") { serve, CredentialCommands.Build(storage), DatabaseCommands.Build(storage), ClockCommands.Build(storage), CatalogCommands.Build(storage), TargetCommands.Build(storage), SchemaCommands.Build(environment), FaultCommands.Build(), RequestCommands.Build(), HealthCheckCommand.Build() };
foreach (var command in EventCommands.Build(storage)) root.Subcommands.Add(command);
foreach (var command in ListingCommands.Build(storage)) root.Subcommands.Add(command);
try
{
    return await root.Parse(args).InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
}
catch (ArgumentException e)
{
    // Bad option values (unknown scope, bad storage spec, bad target id): say what, not where in our code.
    Console.Error.WriteLine(e.Message);
    return 2;
}
