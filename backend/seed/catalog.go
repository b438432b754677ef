package seed

// integration is one entry of the demo catalogue: its workflows, how
// popular it is among users, and the errors its credentials tend to hit.
type integration struct {
	key, name, category string
	weight              int // relative popularity
	workflows           [][2]string
}

var catalog = []integration{
	{"salesforce", "Salesforce", "CRM", 30, [][2]string{{"Sync contacts", "Keep contacts in step with your app both ways."}, {"Create opportunity on signup", "Opens an opportunity when a trial starts."}, {"Log activity", "Records product activity on the account timeline."}, {"Sync accounts", "Mirrors account fields nightly."}}},
	{"hubspot", "HubSpot", "CRM", 26, [][2]string{{"Sync contacts", "Creates and updates HubSpot contacts."}, {"Update deal stage", "Moves deals when usage milestones are hit."}, {"Enroll in sequence", "Adds new users to an onboarding sequence."}}},
	{"slack", "Slack", "Communication", 28, [][2]string{{"Post alerts to channel", "Sends alerts to a chosen channel."}, {"Daily digest", "Posts a summary every morning."}, {"Direct message on mention", "DMs users when they are mentioned."}}},
	{"jira", "Jira", "Ticketing", 16, [][2]string{{"Create issue from bug report", "Files a Jira issue for each bug report."}, {"Sync issue status", "Mirrors issue status changes back."}, {"Comment on linked issues", "Adds comments when records change."}}},
	{"zendesk", "Zendesk", "Support", 12, [][2]string{{"Create ticket", "Opens a ticket from in-app feedback."}, {"Sync organizations", "Keeps organizations aligned."}}},
	{"googledrive", "Google Drive", "Files", 18, [][2]string{{"Export reports", "Saves weekly reports to a folder."}, {"Import spreadsheets", "Reads rows from a chosen sheet."}}},
	{"gmail", "Gmail", "Email", 14, [][2]string{{"Send follow-up", "Sends a follow-up e-mail after a meeting."}, {"Log replies", "Records replies against contacts."}}},
	{"outlook", "Outlook", "Email", 10, [][2]string{{"Send follow-up", "Sends a follow-up e-mail after a meeting."}, {"Sync calendar", "Creates events for scheduled calls."}}},
	{"notion", "Notion", "Productivity", 11, [][2]string{{"Create page", "Creates a page for each new project."}, {"Sync database", "Keeps a Notion database up to date."}, {"Append notes", "Appends meeting notes."}}},
	{"asana", "Asana", "Project management", 8, [][2]string{{"Create task", "Creates tasks from action items."}, {"Sync task status", "Mirrors completion back to your app."}}},
	{"trello", "Trello", "Project management", 5, [][2]string{{"Create card", "Adds a card for each request."}, {"Move card on status", "Moves cards between lists."}}},
	{"github", "GitHub", "Engineering", 12, [][2]string{{"Open issue", "Opens a GitHub issue from a bug report."}, {"Sync pull requests", "Links pull requests to records."}, {"Release notes", "Drafts notes from merged work."}}},
	{"gitlab", "GitLab", "Engineering", 4, [][2]string{{"Open issue", "Opens a GitLab issue from a bug report."}, {"Sync merge requests", "Links merge requests to records."}}},
	{"intercom", "Intercom", "Support", 7, [][2]string{{"Sync users", "Creates Intercom users from signups."}, {"Tag conversations", "Tags conversations by plan."}}},
	{"freshdesk", "Freshdesk", "Support", 3, [][2]string{{"Create ticket", "Opens a ticket from in-app feedback."}, {"Sync contacts", "Keeps contacts aligned."}}},
	{"pipedrive", "Pipedrive", "CRM", 6, [][2]string{{"Create deal", "Opens a deal for each qualified lead."}, {"Sync persons", "Keeps people records aligned."}, {"Log activity", "Logs calls and meetings."}}},
	{"dynamics365", "Microsoft Dynamics 365", "CRM", 4, [][2]string{{"Sync contacts", "Keeps contacts in step."}, {"Create lead", "Creates leads from signups."}}},
	{"teams", "Microsoft Teams", "Communication", 9, [][2]string{{"Post alerts to channel", "Sends alerts to a chosen channel."}, {"Meeting summary", "Posts a summary after each meeting."}}},
	{"quickbooks", "QuickBooks", "Accounting", 6, [][2]string{{"Create invoice", "Creates invoices from orders."}, {"Sync customers", "Keeps customers aligned."}, {"Record payment", "Marks invoices paid."}}},
	{"xero", "Xero", "Accounting", 4, [][2]string{{"Create invoice", "Creates invoices from orders."}, {"Sync contacts", "Keeps contacts aligned."}}},
	{"netsuite", "NetSuite", "ERP", 3, [][2]string{{"Sync sales orders", "Pushes orders to NetSuite."}, {"Sync items", "Mirrors the item catalogue."}, {"Sync customers", "Keeps customers aligned."}, {"Post journal entries", "Books revenue nightly."}}},
	{"shopify", "Shopify", "E-commerce", 7, [][2]string{{"Sync orders", "Imports new orders."}, {"Update inventory", "Keeps stock levels aligned."}, {"Sync customers", "Creates customers from signups."}}},
	{"stripe", "Stripe", "Payments", 9, [][2]string{{"Sync subscriptions", "Mirrors plan changes."}, {"Failed payment alert", "Flags failed charges."}}},
	{"mailchimp", "Mailchimp", "Marketing", 6, [][2]string{{"Add to audience", "Adds new users to an audience."}, {"Sync tags", "Mirrors segments as tags."}}},
	{"marketo", "Marketo", "Marketing", 3, [][2]string{{"Sync leads", "Keeps leads aligned."}, {"Add to program", "Adds leads to a program."}}},
	{"docusign", "DocuSign", "Documents", 4, [][2]string{{"Send envelope", "Sends a contract for signature."}, {"Track status", "Records when envelopes are signed."}}},
	{"dropbox", "Dropbox", "Files", 5, [][2]string{{"Export reports", "Saves weekly reports to a folder."}, {"Import files", "Reads new files from a folder."}}},
	{"servicenow", "ServiceNow", "Ticketing", 3, [][2]string{{"Create incident", "Opens an incident from an alert."}, {"Sync incident state", "Mirrors incident state."}, {"Update CMDB", "Records configuration items."}}},
	{"linear", "Linear", "Engineering", 5, [][2]string{{"Create issue", "Files an issue from a bug report."}, {"Sync status", "Mirrors workflow state changes."}}},
	{"airtable", "Airtable", "Productivity", 5, [][2]string{{"Sync records", "Keeps a base in step with your data."}, {"Create record", "Adds a row for each new signup."}, {"Export view", "Exports a view nightly."}}},
	{"bamboohr", "BambooHR", "HR", 2, [][2]string{{"Sync employees", "Mirrors the employee directory."}, {"Onboarding tasks", "Creates tasks for new hires."}}},
	{"googlecalendar", "Google Calendar", "Productivity", 10, [][2]string{{"Create event", "Creates events for scheduled calls."}, {"Sync availability", "Reads free/busy times."}}},
}

// connectionErrors are what credentials go wrong with, as the provider says it.
var connectionErrors = []string{
	"Refresh token expired: the user must reconnect.",
	"401 Unauthorized: the access token was revoked by the user.",
	"403 Forbidden: the connected account lacks the API permission this integration needs.",
	"Rate limit exceeded: 429 Too Many Requests (retrying with backoff).",
	"The connected account was deactivated by its administrator.",
	"Invalid grant: the password was changed since the user connected.",
}

var firstNames = []string{"Ada", "Alan", "Grace", "Linus", "Margaret", "Ken", "Barbara", "Dennis", "Frances", "Edsger",
	"Radia", "Tim", "Katherine", "Donald", "Hedy", "John", "Sophie", "Guido", "Annie", "James", "Karen", "Bjarne",
	"Shafi", "Leslie", "Jean", "Niklaus", "Mary", "Vint", "Joan", "Ivan", "Zoë", "Ramón", "Amélie", "Søren", "Chloé",
	"Mateo", "Priya", "Wei", "Yuki", "Olu", "Fatima", "Lars", "Ingrid", "Diego", "Aisha", "Noah", "Emma", "Liam",
	"Olivia", "Lucas", "Mia", "Ethan", "Nora", "Omar", "Sara", "Hiro", "Anya", "Kofi", "Leila", "Marek"}

var lastNames = []string{"Lovelace", "Turing", "Hopper", "Torvalds", "Hamilton", "Thompson", "Liskov", "Ritchie",
	"Allen", "Dijkstra", "Perlman", "Berners-Lee", "Johnson", "Knuth", "Lamarr", "McCarthy", "Wilson", "van Rossum",
	"Easley", "Gosling", "Spärck Jones", "Stroustrup", "Goldwasser", "Lamport", "Bartik", "Wirth", "Keller", "Cerf",
	"Clarke", "Sutherland", "Nakamura", "García", "Müller", "Okafor", "Haddad", "Kowalski", "Andersen", "Rossi",
	"Dubois", "Nguyen", "Patel", "Kim", "Silva", "Novak", "Larsen", "Ibrahim", "Moreau", "Schmidt", "Tanaka", "Costa"}

var companies = []string{"acme", "globex", "initech", "umbrella", "hooli", "piedpiper", "stark", "wayne", "wonka",
	"tyrell", "cyberdyne", "soylent", "aperture", "blackmesa", "massive", "vandelay", "dunder", "prestige", "oscorp",
	"gringotts", "monarch", "nakatomi", "sirius", "weyland", "zorg", "bluth", "kramerica", "sterling", "lunar", "orbit"}

var tlds = []string{"com", "io", "co", "dev", "net", "ai", "org", "app"}

var plans = []string{"Free", "Starter", "Team", "Business", "Enterprise"}

var regions = []string{"us-east", "us-west", "eu-west", "eu-central", "ap-south", "ap-northeast"}
