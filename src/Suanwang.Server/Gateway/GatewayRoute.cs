namespace Suanwang.Server.Gateway;

/// <summary>The OpenAI routes the gateway relays.</summary>
internal enum GatewayRoute
{
    /// <summary><c>POST /v1/chat/completions</c>.</summary>
    Chat,

    /// <summary><c>POST /v1/completions</c>.</summary>
    Completions,

    /// <summary><c>POST /v1/embeddings</c>.</summary>
    Embeddings,
}
