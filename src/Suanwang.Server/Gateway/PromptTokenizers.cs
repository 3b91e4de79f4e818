using Suanwang.Protocol.Tokens;

namespace Suanwang.Server.Gateway;

/// <summary>The gateway's tokenizers by the name endpoints publish (<see cref="SiteModel.Tokenizer"/>); unknown or missing names get the byte bound.</summary>
internal sealed class PromptTokenizers
{
    /// <summary>The tokenizer named <paramref name="name"/>; <see cref="PromptTokenizer.Bytes"/> for null, <c>bytes</c> or a name this gateway does not know.</summary>
    public PromptTokenizer For(string? name) => name switch
    {
        SiteModel.Cl100k => PromptTokenizer.Cl100k,
        SiteModel.O200k => PromptTokenizer.O200k,
        _ => PromptTokenizer.Bytes,
    };
}
