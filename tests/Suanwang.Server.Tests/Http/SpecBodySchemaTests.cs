using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;
using Suanwang.Core.Accelerators;
using Suanwang.Core.Errors;
using Suanwang.Core.Jobs;
using Suanwang.Protocol.Jobs;
using Suanwang.Server.Http;
using Suanwang.Server.Tests.Hosting;

namespace Suanwang.Server.Tests.Http;

// The OpenAPI document describes job-spec bodies with the schema the reader's definition gives.
public sealed class SpecBodySchemaTests
{
    private static readonly string[] s_specRoutes = ["/api/v1/jobs", "/api/v1/quotes", "/api/v1/orders"];

    // One document serves every test: it does not depend on the server's state.
    private static readonly Lazy<Task<JsonObject>> s_document = new(FetchOpenApiAsync);

    private static Task<JsonObject> OpenApiAsync() => s_document.Value;

    private static async Task<JsonObject> FetchOpenApiAsync()
    {
        await using var server = await TestServer.StartAsync();
        using var anonymous = server.Client(null);
        return JsonNode.Parse(await anonymous.GetStringAsync("/openapi/v1.json"))!.AsObject();
    }

    private static JsonSchema SpecSchema(JsonObject document) =>
        JsonSchema.FromText(document["components"]!["schemas"]![SpecBodyTransformer.SchemaName]!.ToJsonString());

    private static EvaluationResults Evaluate(JsonSchema schema, JsonNode spec) =>
        schema.Evaluate(JsonDocument.Parse(spec.ToJsonString()).RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });

    private static string Failures(EvaluationResults results) =>
        string.Join("; ", (results.Details ?? []).Where(d => d.Errors is not null).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}")));

    private static JsonObject Post(JsonObject document, string path) => document["paths"]![path]!["post"]!.AsObject();

    public static TheoryData<string> Examples()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(ExamplesDirectory(), "*.yaml").Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(file));
        }

        return data;
    }

    [Fact]
    public async Task OpenApi_JobSpecSchema_HasTheFieldsAndIsClosed()
    {
        var spec = (await OpenApiAsync())["components"]!["schemas"]!["JobSpec"]!.AsObject();

        Assert.Equal("object", (string?)spec["type"]);
        Assert.Equal(JobSpecFields.Spec.Names, spec["properties"]!.AsObject().Select(p => p.Key));
        Assert.Equal(["name"], spec["required"]!.AsArray().Select(n => (string)n!));
        Assert.False((bool)spec["additionalProperties"]!);
        Assert.False((bool)spec["properties"]!["resources"]!["additionalProperties"]!);
        Assert.Equal(100_000, (int)spec["properties"]!["num_nodes"]!["maximum"]!);
    }

    [Fact]
    public async Task OpenApi_SpecRoutes_ListExactlyTheAcceptedMediaTypes_EachWithTheSchema()
    {
        var document = await OpenApiAsync();

        Assert.Equal(SpecMediaTypes.All, SpecBodies.Types);
        foreach (var path in s_specRoutes)
        {
            var content = Post(document, path)["requestBody"]!["content"]!.AsObject();
            Assert.Equal(SpecBodies.Types.Order(StringComparer.Ordinal), content.Select(c => c.Key).Order(StringComparer.Ordinal));
            foreach (var type in SpecMediaTypes.YamlTypes)
            {
                Assert.Equal("#/components/schemas/JobSpec", (string?)content[type]!["schema"]!["$ref"]);
            }
        }

        Assert.Equal("#/components/schemas/JobSpec", (string?)Post(document, "/api/v1/jobs")["requestBody"]!["content"]![SpecMediaTypes.Json]!["schema"]!["$ref"]);
    }

    [Fact]
    public async Task OpenApi_OrdersJson_IsASpecOrAQuoteReference()
    {
        var json = Post(await OpenApiAsync(), "/api/v1/orders")["requestBody"]!["content"]![SpecMediaTypes.Json]!["schema"]!;

        var choices = json["oneOf"]!.AsArray();
        Assert.Equal(2, choices.Count);
        Assert.Equal("#/components/schemas/JobSpec", (string?)choices[0]!["$ref"]);
        var quote = choices[1]!.ToJsonString();
        Assert.Contains("\"quote\"", quote, StringComparison.Ordinal);
        Assert.Contains("\"block\"", quote, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public async Task Example_ValidatesAgainstTheSchema_AndItsJsonFormReads(string file)
    {
        var schema = SpecSchema(await OpenApiAsync());
        var json = YamlJson.Convert(await File.ReadAllTextAsync(Path.Combine(ExamplesDirectory(), file)));

        var results = Evaluate(schema, json);

        Assert.True(results.IsValid, $"{file}: {Failures(results)}");
        JobSpecReader.Parse(json.ToJsonString(), file, AcceleratorCatalog.Default);
    }

    [Theory]
    [InlineData("gpus", "8", "resources.gpus", "/resources/gpus")]
    [InlineData("nmae", "\"typo\"", "nmae", "/nmae")]
    [InlineData("num_nodes", "0", "num_nodes", "/num_nodes")]
    [InlineData("priority", "1000001", "priority", "/priority")]
    [InlineData("size_gb", "-1", "inputs[0].size_gb", "/inputs/0/size_gb")]
    public async Task BadSpec_IsRefusedByTheSchemaTheReaderAndTheRoute(string key, string value, string field, string location)
    {
        var spec = new JsonObject
        {
            ["name"] = "j",
            ["tenant"] = "admin",
            ["resources"] = new JsonObject(),
            ["estimated_runtime"] = "1h",
            ["inputs"] = new JsonArray(new JsonObject { ["name"] = "d", ["size_gb"] = 1, ["jurisdiction"] = "CN" }),
        };
        var target = key switch
        {
            "gpus" => spec["resources"]!.AsObject(),
            "size_gb" => spec["inputs"]![0]!.AsObject(),
            _ => spec,
        };
        target[key] = JsonNode.Parse(value);
        var schema = SpecSchema(await OpenApiAsync());
        await using var server = await TestServer.StartAsync();

        var results = Evaluate(schema, spec);
        var error = Assert.Throws<InputException>(() => JobSpecReader.Parse(spec.ToJsonString(), "spec.json", AcceleratorCatalog.Default)).Error;
        using var response = await TestServer.SubmitAsync(server.Admin, spec.ToJsonString(), SpecMediaTypes.Json);

        Assert.False(results.IsValid);
        Assert.Contains(results.Details ?? [], d => d.Errors is not null && d.InstanceLocation.ToString() == location);
        Assert.Equal(field, error.Field);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(field, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Route_AcceptsEveryListedYamlType()
    {
        await using var server = await TestServer.StartAsync();
        const string spec = "name: j\ntenant: admin\nresources: {}\nestimated_runtime: 1h\n";

        foreach (var type in SpecMediaTypes.YamlTypes)
        {
            using var response = await server.Admin.PostAsync("/api/v1/quotes", new StringContent(spec, Encoding.UTF8, type));
            Assert.NotEqual(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        }
    }

    private static string ExamplesDirectory()
    {
        // Tests run from bin/<config>/<tfm>; the repository root is the folder with the solution file.
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Suanwang.slnx")))
            {
                return Path.Combine(dir.FullName, "examples", "jobs");
            }
        }

        throw new InvalidOperationException($"no Suanwang.slnx above {AppContext.BaseDirectory}");
    }
}
