using System.CommandLine;
using BwpOrders.Server.Hosting;
using BwpOrders.Storage;

var urls = new Option<string>("--urls")
{
    Description = "Addresses to listen on",
    DefaultValueFactory = _ => Environment.GetEnvironmentVariable("ASPNETCORE_URLS") ?? "http://127.0.0.1:8080",
};
var storage = new Option<string>("--storage")
{
    Description = "sqlite:PATH or postgres:CONNECTION_STRING",
    DefaultValueFactory = _ => Environment.GetEnvironmentVariable("BWP_STORAGE") ?? StorageSpec.Default,
};

var serve = new Command("serve", "Run the BwP Order API") { urls, storage };
serve.SetAction(async (parse, ct) =>
{
    var app = await BwpServer.BuildAsync(new ServerOptions(parse.GetValue(urls)!, parse.GetValue(storage)!));
    await app.RunAsync(ct);
    return 0;
});

var root = new RootCommand("BwpOrders: a self-hostable Buy with Prime Order API server") { serve };
return await root.Parse(args).InvokeAsync();

/// <summary>Exposed so tests can reference the server assembly.</summary>
public partial class Program;
