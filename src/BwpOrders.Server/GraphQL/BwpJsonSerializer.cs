using System.Buffers;
using System.Text.Json;
using GraphQL.Execution;
using GraphQL.SystemTextJson;

namespace BwpOrders.Server.GraphQL;

/// <summary>
/// GraphQL.NET's serializer, with synchronous reads and writes of buffers already in memory: a request body is read
/// whole before it is parsed, and a response is written whole after it is serialized (for its Content-Length), so
/// the stream methods' asynchronous buffering only added work on every request.
/// </summary>
public sealed class BwpJsonSerializer(JsonSerializerOptions options, IErrorInfoProvider errors) : GraphQLSerializer(options, errors)
{
    public T? Read<T>(in ReadOnlySequence<byte> utf8)
    {
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions
        {
            AllowTrailingCommas = SerializerOptions.AllowTrailingCommas,
            CommentHandling = SerializerOptions.ReadCommentHandling,
            MaxDepth = SerializerOptions.MaxDepth,
        });
        return JsonSerializer.Deserialize<T>(ref reader, SerializerOptions);
    }

    public void Write<T>(IBufferWriter<byte> output, T value)
    {
        using var writer = new Utf8JsonWriter(output, new JsonWriterOptions
        {
            Encoder = SerializerOptions.Encoder,
            Indented = SerializerOptions.WriteIndented,
            MaxDepth = SerializerOptions.MaxDepth,
        });
        JsonSerializer.Serialize(writer, value, SerializerOptions);
    }
}
