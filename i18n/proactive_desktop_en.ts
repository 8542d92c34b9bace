<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>Duration</name>
    <message numerus="yes">
        <source>about %n minute(s)</source>
        <translation>
            <numerusform>about %Ln minute</numerusform>
            <numerusform>about %Ln minutes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>about %n hour(s)</source>
        <translation>
            <numerusform>about %Ln hour</numerusform>
            <numerusform>about %Ln hours</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n hour(s)</source>
        <translation>
            <numerusform>%Ln hour</numerusform>
            <numerusform>%Ln hours</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n minute(s)</source>
        <translation>
            <numerusform>%Ln minute</numerusform>
            <numerusform>%Ln minutes</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>HistoryDialog</name>
    <message numerus="yes">
        <source>%n campaign(s) on this computer.</source>
        <translation>
            <numerusform>%Ln campaign on this computer.</numerusform>
            <numerusform>%Ln campaigns on this computer.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n customer(s) being confirmed: Zendesk may have created their tickets; resuming the campaign checks the account before sending anything again.</source>
        <translation>
            <numerusform>%n customer being confirmed: Zendesk may have created their ticket; resuming the campaign checks the account before sending anything again.</numerusform>
            <numerusform>%n customers being confirmed: Zendesk may have created their tickets; resuming the campaign checks the account before sending anything again.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Send the campaign “{name}” again to the %n customer(s) it failed for? Customers who already have their ticket are not sent anything.</source>
        <translation>
            <numerusform>Send the campaign “{name}” again to the customer it failed for? Customers who already have their ticket are not sent anything.</numerusform>
            <numerusform>Send the campaign “{name}” again to the %Ln customers it failed for? Customers who already have their ticket are not sent anything.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Done: %n more ticket(s) created.</source>
        <translation>
            <numerusform>Done: %Ln more ticket created.</numerusform>
            <numerusform>Done: %Ln more tickets created.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n customer(s) exported to {path}.</source>
        <translation>
            <numerusform>%Ln customer exported to {path}.</numerusform>
            <numerusform>%Ln customers exported to {path}.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Duplicates withdrawn: %n ticket(s) solved with an internal note.</source>
        <translation>
            <numerusform>Duplicates withdrawn: %Ln ticket solved with an internal note.</numerusform>
            <numerusform>Duplicates withdrawn: %Ln tickets solved with an internal note.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Duplicates withdrawn: %n ticket(s) deleted.</source>
        <translation>
            <numerusform>Duplicates withdrawn: %Ln ticket deleted.</numerusform>
            <numerusform>Duplicates withdrawn: %Ln tickets deleted.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Withdrawn: %n ticket(s) solved with an internal note.</source>
        <translation>
            <numerusform>Withdrawn: %Ln ticket solved with an internal note.</numerusform>
            <numerusform>Withdrawn: %Ln tickets solved with an internal note.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Withdrawn: %n ticket(s) deleted.</source>
        <translation>
            <numerusform>Withdrawn: %Ln ticket deleted.</numerusform>
            <numerusform>Withdrawn: %Ln tickets deleted.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n ticket(s) could not be withdrawn.</source>
        <translation>
            <numerusform>%Ln ticket could not be withdrawn.</numerusform>
            <numerusform>%Ln tickets could not be withdrawn.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PreviewPage</name>
    <message numerus="yes">
        <source>Preparing the ticket for each of the %n customer(s)…</source>
        <translation>
            <numerusform>Preparing the ticket for the customer…</numerusform>
            <numerusform>Preparing the ticket for each of the %Ln customers…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>of %n</source>
        <translation>
            <numerusform>of %Ln</numerusform>
            <numerusform>of %Ln</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Send %n ticket(s)</source>
        <translation>
            <numerusform>Send %Ln ticket</numerusform>
            <numerusform>Send %Ln tickets</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n ticket(s) will be created, one per customer.</source>
        <translation>
            <numerusform>%Ln ticket will be created, one per customer.</numerusform>
            <numerusform>%Ln tickets will be created, one per customer.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n of them are not in Zendesk yet and will be created with their ticket: {emails}</source>
        <translation>
            <numerusform>%Ln of them is not in Zendesk yet and will be created with their ticket: {emails}</numerusform>
            <numerusform>%Ln of them are not in Zendesk yet and will be created with their ticket: {emails}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{language}: %n</source>
        <translation>
            <numerusform>{language}: %Ln</numerusform>
            <numerusform>{language}: %Ln</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>main text: %n</source>
        <translation>
            <numerusform>main text: %Ln</numerusform>
            <numerusform>main text: %Ln</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n customer(s) will be skipped:</source>
        <translation>
            <numerusform>%Ln customer will be skipped:</numerusform>
            <numerusform>%Ln customers will be skipped:</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>• {reason} (%n)</source>
        <translation>
            <numerusform>• {reason} (%Ln)</numerusform>
            <numerusform>• {reason} (%Ln)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>• and %n other reason(s)</source>
        <translation>
            <numerusform>• and %Ln other reason</numerusform>
            <numerusform>• and %Ln other reasons</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Skips customers contacted by any campaign in the last {days} days: %n skipped</source>
        <translation>
            <numerusform>Skips customers contacted by any campaign in the last {days} days: %n skipped</numerusform>
            <numerusform>Skips customers contacted by any campaign in the last {days} days: %n skipped</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SearchPage</name>
    <message numerus="yes">
        <source>Create the %n person(s) of the list who are not in Zendesk yet, with their ticket</source>
        <translation>
            <numerusform>Create the %Ln person of the list who is not in Zendesk yet, with their ticket</numerusform>
            <numerusform>Create the %Ln people of the list who are not in Zendesk yet, with their ticket</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n customer(s) found.</source>
        <translation>
            <numerusform>%Ln customer found.</numerusform>
            <numerusform>%Ln customers found.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n agent(s) or administrator(s) were left out: campaigns are for customers.</source>
        <translation>
            <numerusform>%Ln agent or administrator was left out: campaigns are for customers.</numerusform>
            <numerusform>%Ln agents or administrators were left out: campaigns are for customers.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n row(s) of the CSV file matched no customer and will be skipped:</source>
        <translation>
            <numerusform>%Ln row of the CSV file matched no customer and will be skipped:</numerusform>
            <numerusform>%Ln rows of the CSV file matched no customer and will be skipped:</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SelectPage</name>
    <message numerus="yes">
        <source>You are about to prepare %n ticket(s), one for each ticked customer.</source>
        <translation>
            <numerusform>You are about to prepare %Ln ticket, for the ticked customer.</numerusform>
            <numerusform>You are about to prepare %Ln tickets, one for each ticked customer.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n of {total} customers selected ({shown} shown by the filter)</source>
        <translation>
            <numerusform>%Ln of {total} customers selected ({shown} shown by the filter)</numerusform>
            <numerusform>%Ln of {total} customers selected ({shown} shown by the filter)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n of {total} customers selected</source>
        <translation>
            <numerusform>%Ln of {total} customers selected</numerusform>
            <numerusform>%Ln of {total} customers selected</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SendPage</name>
    <message numerus="yes">
        <source>%n second(s)</source>
        <translation>
            <numerusform>%n second</numerusform>
            <numerusform>%n seconds</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n ticket(s) a minute</source>
        <translation>
            <numerusform>%Ln ticket a minute</numerusform>
            <numerusform>%Ln tickets a minute</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n customer(s) await confirmation: Zendesk may have created their tickets. Resume checks the account for them before sending anything again.</source>
        <translation>
            <numerusform>%n customer awaits confirmation: Zendesk may have created their ticket. Resume checks the account for it before sending anything again.</numerusform>
            <numerusform>%n customers await confirmation: Zendesk may have created their tickets. Resume checks the account for them before sending anything again.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n ticket(s) created.</source>
        <translation>
            <numerusform>%Ln ticket created.</numerusform>
            <numerusform>%Ln tickets created.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n customer(s) failed: see the reason in the table, then use Retry failed.</source>
        <translation>
            <numerusform>%Ln customer failed: see the reason in the table, then use Retry failed.</numerusform>
            <numerusform>%Ln customers failed: see the reason in the table, then use Retry failed.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n customer(s) skipped, each with the reason.</source>
        <translation>
            <numerusform>%Ln customer skipped, with the reason.</numerusform>
            <numerusform>%Ln customers skipped, each with the reason.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n customer(s) wait for their time: the next from {when}. They get their tickets while this program is open (or with run-due); closing it is safe.</source>
        <translation>
            <numerusform>%n customer waits for their time: from {when}. They get their ticket while this program is open (or with run-due); closing it is safe.</numerusform>
            <numerusform>%n customers wait for their time: the next from {when}. They get their tickets while this program is open (or with run-due); closing it is safe.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>StartPage</name>
    <message numerus="yes">
        <source>%n campaign(s) did not finish. Resuming one sends only to the customers who have no ticket yet; nobody gets a second ticket.</source>
        <translation>
            <numerusform>%Ln campaign did not finish. Resuming it sends only to the customers who have no ticket yet; nobody gets a second ticket.</numerusform>
            <numerusform>%Ln campaigns did not finish. Resuming one sends only to the customers who have no ticket yet; nobody gets a second ticket.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>WithdrawDialog</name>
    <message numerus="yes">
        <source>Solving %n ticket(s)…</source>
        <translation>
            <numerusform>Solving %Ln ticket…</numerusform>
            <numerusform>Solving %Ln tickets…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Deleting %n ticket(s)…</source>
        <translation>
            <numerusform>Deleting %Ln ticket…</numerusform>
            <numerusform>Deleting %Ln tickets…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Done: %n ticket(s) solved.</source>
        <translation>
            <numerusform>Done: %Ln ticket solved.</numerusform>
            <numerusform>Done: %Ln tickets solved.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Done: %n ticket(s) deleted.</source>
        <translation>
            <numerusform>Done: %Ln ticket deleted.</numerusform>
            <numerusform>Done: %Ln tickets deleted.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n ticket(s) failed: the reasons are below.</source>
        <translation>
            <numerusform>%Ln ticket failed: the reasons are below.</numerusform>
            <numerusform>%Ln tickets failed: the reasons are below.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Stopped before the end: %n ticket(s) still waiting. Withdraw again to finish; tickets already done are not touched again.</source>
        <translation>
            <numerusform>Stopped before the end: %Ln ticket still waiting. Withdraw again to finish; tickets already done are not touched again.</numerusform>
            <numerusform>Stopped before the end: %Ln tickets still waiting. Withdraw again to finish; tickets already done are not touched again.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>_Plurals</name>
    <message numerus="yes">
        <source>at most %n ticket(s) a day</source>
        <translation>
            <numerusform>at most %n ticket a day</numerusform>
            <numerusform>at most %n tickets a day</numerusform>
        </translation>
    </message>
</context>
</TS>
