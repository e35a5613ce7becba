using Communaute.Bot.Tests.Infrastructure;

namespace Communaute.Bot.Tests.Conversations;

/// <summary>
/// `chat`: the same bot in a terminal, through the verb's standard input and output as a person types: a number picks
/// one of the choices just shown, the log stays out of the conversation, the bot uses the name the person gave.
/// </summary>
public sealed class TerminalChatTests
{
    private static async Task<(string Output, string Log)> ChatAsync(string input, params string[] options)
    {
        var data = Directory.CreateTempSubdirectory("chat-").FullName;
        try
        {
            var bot = Path.Combine(AppContext.BaseDirectory, "Communaute.Bot.dll");
            var (code, output) = await ExternalTools.RunAsync("dotnet",
                [bot, "chat", $"--Knowledge:Folder={RepoPaths.KnowledgeBase}", $"--Storage:ConnectionString=Data Source={Path.Combine(data, "t.db")}", .. options],
                data, input, TimeSpan.FromMinutes(1));
            Assert.Equal(0, code);
            var log = Path.Combine(data, "data", "chat.log");
            return (output, File.Exists(log) ? await File.ReadAllTextAsync(log) : "");
        }
        finally
        {
            try { Directory.Delete(data, recursive: true); } catch (IOException) { }
        }
    }

    [Fact]
    public async Task A_person_gives_a_name_chats_and_picks_a_choice_by_number_with_no_log_line_in_between()
    {
        // Standard output and standard error together: what the person sees in the terminal.
        var (output, log) = await ChatAsync("Alice\nbonjour\nComment faire un gâteau au chocolat ?\n1\nquitter\n");

        Assert.Contains("Comment voulez-vous que je vous appelle", output);
        Assert.Contains("Bonjour Alice !", output);
        Assert.DoesNotContain($"Bonjour {Environment.UserName}", output);
        Assert.Contains("Je ne sais pas", output);
        Assert.Contains("1. Transmettre aux animateurs", output);
        Assert.Contains("C'est transmis", output);
        foreach (var level in new[] { "INF]", "WRN]", "ERR]", "warn:", "info:" })
            Assert.DoesNotContain(level, output);
        Assert.Contains("WRN]", log);
    }

    [Fact]
    public async Task The_name_can_come_from_the_command_line()
    {
        var (output, _) = await ChatAsync("bonjour\nquitter\n", "--name=Bruno");
        Assert.DoesNotContain("Comment voulez-vous que je vous appelle", output);
        Assert.Contains("Bonjour Bruno !", output);
    }

    [Fact]
    public async Task A_number_with_no_matching_button_is_answered_as_such_not_searched()
    {
        var (output, _) = await ChatAsync("\nComment faire un gâteau au chocolat ?\n7\naide\n42\nquitter\n");
        Assert.Contains("Il n'y a qu'un choix : tapez 1, ou écrivez votre message.", output);
        Assert.Matches(@"Il n'y a que \d+ choix : tapez un numéro de 1 à \d+, ou écrivez votre message\.", output);
        Assert.Equal(1, Occurrences(output, "Je ne sais pas"));
    }

    [Fact]
    public async Task Markdown_is_shown_as_a_terminal_shows_text()
    {
        var (output, _) = await ChatAsync("\ncaractériser\n1\nquitter\n");
        Assert.Contains("Répondez en quelques phrases", output);
        Assert.DoesNotContain("_Répondez", output);
        Assert.DoesNotContain("**", output);
        Assert.DoesNotContain("\u001b[", output); // not a terminal here: plain text
    }

    private static int Occurrences(string text, string part) => (text.Length - text.Replace(part, "").Length) / part.Length;
}
