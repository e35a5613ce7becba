using System.ClientModel;
using Communaute.Bot.Curation;
using Communaute.Knowledge;
using Communaute.Knowledge.Ai;
using Microsoft.Extensions.AI;
using OpenAI;

namespace Communaute.Bot.Hosting;

public static class KnowledgeSetup
{
    /// <summary>
    /// Registers the knowledge service, with the AI services when configured. An <see cref="IChatClient"/> or
    /// <see cref="IEmbeddingGenerator{TInput,TEmbedding}"/> already registered (tests' fakes) is used as is.
    /// </summary>
    public static IServiceCollection AddKnowledge(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<KnowledgeOptions>(configuration.GetSection("Knowledge"));
        var ai = configuration.GetSection("Ai").Get<AiOptions>() ?? new AiOptions();
        if (ai.ChatEnabled)
            services.AddSingleton<IChatClient>(_ => OpenAi(ai).GetChatClient(ai.ChatModel).AsIChatClient());
        if (ai.EmbeddingsEnabled)
            services.AddSingleton<IEmbeddingGenerator<string, Embedding<float>>>(_ =>
                OpenAi(ai).GetEmbeddingClient(ai.EmbeddingModel).AsIEmbeddingGenerator());

        services.AddSingleton<CurationFollowUp>();
        services.AddScoped<UnansweredQuestions>();
        services.AddSingleton(sp =>
        {
            var options = configuration.GetSection("Knowledge").Get<KnowledgeOptions>() ?? new KnowledgeOptions();
            var chat = sp.GetService<IChatClient>();
            var embeddings = sp.GetService<IEmbeddingGenerator<string, Embedding<float>>>();
            // The folder's calibrated thresholds (seuils.json), re-read at each reload; values set in Knowledge:Policy win.
            var policySection = configuration.GetSection("Knowledge:Policy");
            var service = new KnowledgeService(
                KnowledgeLocator.Find(options.Folder),
                null,
                sp.GetRequiredService<ILoggerFactory>().CreateLogger<KnowledgeService>(),
                chat is null ? null : new ChatClientAnswerWriter(chat, sp.GetRequiredService<ILogger<ChatClientAnswerWriter>>()),
                embeddings is null ? null : new EmbeddingRanker(embeddings, sp.GetRequiredService<ILogger<EmbeddingRanker>>()),
                calibrated =>
                {
                    var policy = calibrated with { };
                    policySection.Bind(policy);
                    return policy;
                });
            // After each reload, open unanswered questions are asked again (members told when an entry now answers).
            service.Reloaded += (current, previous) => sp.GetRequiredService<CurationFollowUp>().OnReloaded(current, previous);
            if (options.WatchForChanges) service.WatchFolder();
            return service;
        });
        return services;
    }

    private static OpenAIClient OpenAi(AiOptions ai) => new(
        new ApiKeyCredential(string.IsNullOrWhiteSpace(ai.ApiKey) ? "none" : ai.ApiKey),
        new OpenAIClientOptions { Endpoint = new Uri(ai.Endpoint) });
}
