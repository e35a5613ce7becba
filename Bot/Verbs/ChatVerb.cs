using System.Text;
using Communaute.Bot.Hosting;
using Communaute.Bot.Delivery;
using Communaute.Bot.Rendering;
using Communaute.Bot.Security;
using Communaute.Dialogs.Conversation;
using Communaute.Dialogs.Engine;
using Communaute.Dialogs.Replies;

namespace Communaute.Bot.Verbs;

/// <summary>
/// `chat`: talk to the bot in the terminal. A number picks one of the choices just shown. The log goes to a file
/// (never between the lines of the chat); the bot calls the person by the name given with --name, or typed at start.
/// </summary>
public static class ChatVerb
{
    public const string Channel = "terminal";

    public static async Task<int> RunAsync(string[] args)
    {
        Console.OutputEncoding = Encoding.UTF8;
        Console.InputEncoding = Encoding.UTF8;
        var output = Console.Out;
        var logPath = Path.GetFullPath(Path.Combine("data", "chat.log"));
        Directory.CreateDirectory(Path.GetDirectoryName(logPath)!);
        await using var log = new StreamWriter(logPath, append: true) { AutoFlush = true };
        // The logger writes to standard error: here, to the file, so nothing interrupts the conversation.
        Console.SetError(log);

        var builder = BotApp.CreateBuilder(args, logToStandardError: true);
        builder.Configuration["Serilog:MinimumLevel:Default"] = "Warning";
        var app = await BotApp.BuildAsync(builder);
        var turns = app.Services.GetRequiredService<LocalTurns>();
        var ansi = !Console.IsOutputRedirected && Environment.GetEnvironmentVariable("NO_COLOR") is null;

        output.WriteLine("Communauté bot — discussion dans le terminal (journal : " + logPath + ").");
        var name = (builder.Configuration["name"] ?? builder.Configuration["Chat:Name"])?.Trim();
        if (string.IsNullOrEmpty(name))
        {
            output.Write("Comment voulez-vous que je vous appelle ? (Entrée pour passer) ");
            name = Console.ReadLine()?.Trim();
            if (name is null) return 0;
        }
        var user = Environment.UserName;
        output.WriteLine((name.Length > 0 ? $"Bonjour {name} ! " : "Bonjour ! ") +
                         "Tapez « aide », une question, ou « quitter ». Un numéro choisit un bouton.");

        var chat = new TerminalChat(turns, user, name.Length > 0 ? name : null, ansi, output, app.Services.GetRequiredService<PublicUrls>().Base());
        while (true)
        {
            output.Write("> ");
            var line = Console.ReadLine();
            if (line is null || TextMatching.IsOneOf(line, "quitter", "exit", "quit")) break;
            await chat.SayAsync(line);
        }
        return 0;
    }
}

/// <summary>One person's conversation in the terminal: numbers pick the buttons last shown; links absolute from <paramref name="linkBase"/>.</summary>
public sealed class TerminalChat(LocalTurns turns, string userId, string? userName, bool ansi, TextWriter output, string linkBase)
{
    private IReadOnlyList<Choice> _choices = [];
    private string? _prompt;

    public async Task SayAsync(string line)
    {
        string? prompt = null;
        Dictionary<string, string> typed = [];
        if (int.TryParse(line.Trim(), out var n))
        {
            if (n >= 1 && n <= _choices.Count)
            {
                line = _choices[n - 1].Value;
                prompt = _prompt;
                typed = _choices[n - 1].Action?.Data.ToDictionary() ?? [];
            }
            else if (!DialogPromptIds.IsDialogPrompt(_prompt))
            {
                // A number that is no button is not a question to search. (A questionnaire says itself what it expects.)
                output.WriteLine(_choices.Count switch
                {
                    0 => "Il n'y a pas de choix numéroté à l'écran : écrivez votre message en toutes lettres.",
                    1 => "Il n'y a qu'un choix : tapez 1, ou écrivez votre message.",
                    var count => $"Il n'y a que {count} choix : tapez un numéro de 1 à {count}, ou écrivez votre message.",
                });
                output.WriteLine();
                return;
            }
        }
        var replies = await turns.HandleAsync(new IncomingTurn
        {
            Channel = ChatVerb.Channel,
            ConversationId = "terminal-" + userId,
            UserId = userId,
            UserName = userName,
            Text = line,
            PromptId = prompt,
            FormValues = typed,
        });
        var choices = new List<Choice>();
        _prompt = null;
        foreach (var reply in replies)
        {
            // Numbers continue across the replies of one turn.
            var (text, replyChoices) = PlainTextRenderer.Render(ReplyLinks.Absolute(reply, linkBase), choices.Count + 1, ansi);
            output.WriteLine(text);
            output.WriteLine();
            choices.AddRange(replyChoices);
            _prompt = reply.Card?.PromptId ?? _prompt;
        }
        _choices = choices;
    }
}
