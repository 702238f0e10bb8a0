// The HTTP ceiling for bench/run.sh: the least a Kestrel app can do with the same request, reading the whole body
// and answering it back wrapped as {"data": BODY}, with logging off. Whatever BwpOrders does costs on top of this.
var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();
var app = builder.Build();
var open = "{\"data\":"u8.ToArray();
var close = "}"u8.ToArray();
app.MapPost("/graphql", async (HttpContext http) =>
{
    var body = new MemoryStream();
    await http.Request.Body.CopyToAsync(body);
    http.Response.ContentType = "application/json";
    http.Response.ContentLength = open.Length + body.Length + close.Length;
    await http.Response.Body.WriteAsync(open);
    await http.Response.Body.WriteAsync(body.GetBuffer().AsMemory(0, (int)body.Length));
    await http.Response.Body.WriteAsync(close);
});
app.Run();
