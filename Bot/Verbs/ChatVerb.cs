using System.Text;
using Communaute.Bot.Hosting;
using Communaute.Bot.Pipeline;
using Communaute.Bot.Rendering;
using Communaute.Dialogs.Conversation;
using Communaute.Dialogs.Replies;

namespace Communaute.Bot.Verbs;

/// <summary>`chat`: talk to the bot in the terminal. A number picks one of the choices just shown.</summary>
public static class ChatVerb
{
    public const string Channel = "terminal";

    public static async Task<int> RunAsync(string[] args)
    {
        Console.OutputEncoding = Encoding.UTF8;
        Console.InputEncoding = Encoding.UTF8;
        var builder = BotApp.CreateBuilder(args, logToStandardError: true);
        builder.Configuration["Serilog:MinimumLevel:Default"] = "Warning";
        var app = await BotApp.BuildAsync(builder);
        var pipeline = app.Services.GetRequiredService<TurnPipeline>();
        var user = Environment.UserName;
        Console.WriteLine("Communauté bot — discussion dans le terminal. Tapez « aide », une question, ou « quitter ».");
        IReadOnlyList<Choice> lastChoices = [];
        string? lastPrompt = null;
        while (true)
        {
            Console.Write("> ");
            var line = Console.ReadLine();
            if (line is null || TextMatching.IsOneOf(line, "quitter", "exit", "quit")) break;
            string? prompt = null;
            if (int.TryParse(line.Trim(), out var n) && n >= 1 && n <= lastChoices.Count)
            {
                line = lastChoices[n - 1].Value;
                prompt = lastPrompt;
            }
            var replies = await pipeline.HandleAsync(new IncomingTurn
            {
                Channel = Channel,
                ConversationId = "terminal-" + user,
                UserId = user,
                UserName = user,
                Text = line,
                PromptId = prompt,
            });
            var choices = new List<Choice>();
            foreach (var reply in replies)
            {
                // Numbers continue across the replies of one turn.
                var (text, replyChoices) = PlainTextRenderer.Render(reply, choices.Count + 1);
                Console.WriteLine(text);
                Console.WriteLine();
                choices.AddRange(replyChoices);
                lastPrompt = reply.Card?.PromptId ?? lastPrompt;
            }
            lastChoices = choices;
        }
        return 0;
    }
}
