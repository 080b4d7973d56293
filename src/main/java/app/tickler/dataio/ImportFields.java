package app.tickler.dataio;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.stereotype.Component;

import app.tickler.party.CustomField;
import app.tickler.party.CustomFields;

/**
 * The fields a column can be mapped to, per entity (custom fields included), and the suggestions
 * that recognise the header names of Tickler's own exports and of HubSpot, Pipedrive and Salesforce
 * exports.
 */
@Component
class ImportFields {

    /** A target of a column: a field key ({@code email}, {@code custom.vat_id}) and its label. */
    record Field(String key, String label) {
    }

    static final List<String> CONTACT_FIELDS = List.of("id", "externalId", "firstName", "lastName", "fullName", "title",
            "email", "email2", "phone", "mobile", "street", "city", "postalCode", "region", "country", "birthday",
            "preferredChannel", "owner", "account", "doNotContact", "doNotContactReason", "tags");
    static final List<String> ACCOUNT_FIELDS = List.of("id", "externalId", "name", "website", "industry", "size", "phone",
            "street", "city", "postalCode", "region", "country", "description", "owner", "level", "stage",
            "doNotContact", "doNotContactReason", "tags");

    static final List<String> LEAD_FIELDS = List.of("id", "externalId", "firstName", "lastName", "fullName", "title",
            "company", "email", "phone", "source", "sourceDetail", "status", "disqualifiedReason", "notes", "owner");

    static final List<String> DEAL_FIELDS = List.of("id", "externalId", "name", "account", "accountExternalId", "pipeline",
            "stage", "amount", "currency", "expectedCloseDate", "owner", "status", "createdDate", "closedDate", "lostReason",
            "paid", "paidOn", "notes");

    static final List<String> INSTALLED_PRODUCT_FIELDS = List.of("externalId", "account", "accountExternalId", "product",
            "quantity", "installDate", "warrantyEnd", "serviceEnd", "endOfLife", "serialNumber", "notes");

    static final List<String> TOUCH_FIELDS = List.of("externalId", "contactEmail", "contactExternalId", "leadEmail",
            "leadExternalId", "account", "accountExternalId", "deal", "dealExternalId", "channel", "direction", "outcome",
            "occurredAt", "occurredTime", "done", "subject", "notes", "loggedBy");

    /** Normalised header (lower case, letters and digits only) to field key, for every entity. */
    private static final Map<String, String> COMMON = new HashMap<>();
    private static final Map<String, String> CONTACT = new HashMap<>();
    private static final Map<String, String> ACCOUNT = new HashMap<>();
    private static final Map<String, String> LEAD = new HashMap<>();
    private static final Map<String, String> DEAL = new HashMap<>();
    private static final Map<String, String> INSTALLED_PRODUCT = new HashMap<>();
    private static final Map<String, String> TOUCH = new HashMap<>();

    static {
        // Tickler's own export headers are the field keys; ids of other systems are external ids
        common("externalId", "externalid", "recordid", "id", "personid", "organizationid", "contactid", "companyid");
        common("phone", "phone", "phonenumber", "phonework", "businessphone", "workphone", "telephone");
        common("street", "street", "streetaddress", "address", "mailingstreet", "billingstreet", "addressline1");
        common("city", "city", "mailingcity", "billingcity", "town");
        common("postalCode", "postalcode", "zip", "zipcode", "postcode", "mailingpostalcode", "billingpostalcode",
                "mailingzippostalcode", "billingzippostalcode");
        common("region", "region", "state", "stateregion", "province", "mailingstate", "billingstate",
                "mailingstateprovince", "billingstateprovince");
        common("country", "country", "countryregion", "mailingcountry", "billingcountry");
        common("owner", "owner", "owneremail", "contactowner", "companyowner", "accountowner", "ownername");
        common("tags", "tags", "labels", "label", "tag");
        common("doNotContact", "donotcontact", "hasoptedoutofemail", "donotcall", "unsubscribedfromallemail",
                "emailoptout");
        common("doNotContactReason", "donotcontactreason");
        contact("firstName", "firstname", "givenname");
        contact("lastName", "lastname", "surname", "familyname");
        contact("fullName", "name", "fullname", "contactname");
        contact("title", "title", "jobtitle", "position");
        contact("email", "email", "emailaddress", "emailwork", "workemail", "primaryemail");
        contact("email2", "email2", "emailhome", "emailother", "additionalemailaddresses", "secondaryemail");
        contact("mobile", "mobile", "mobilephone", "mobilephonenumber", "phonemobile", "cellphone");
        contact("birthday", "birthday", "birthdate", "dateofbirth");
        contact("preferredChannel", "preferredchannel");
        contact("account", "account", "company", "companyname", "organization", "organisation", "organizationname",
                "accountname");
        account("name", "name", "companyname", "accountname", "organizationname", "company", "organization");
        account("website", "website", "websiteurl", "companydomainname", "domain", "url");
        account("industry", "industry");
        account("size", "size", "numberofemployees", "employees", "companysize");
        account("description", "description", "about", "aboutus");
        account("level", "level", "customerlevel");
        account("stage", "stage", "relationshipstage");
        // HubSpot (Lead status, Original source, Contact owner), Pipedrive (Person - Name, Organization - Name,
        // Source) and Salesforce (FirstName, Company, LeadSource, Status, Owner.Email)
        lead("externalId", "externalid", "recordid", "id", "leadid");
        lead("firstName", "firstname", "givenname");
        lead("lastName", "lastname", "surname", "familyname");
        lead("fullName", "name", "fullname", "leadname", "contactperson", "person");
        lead("title", "title", "jobtitle", "position");
        lead("company", "company", "companyname", "organization", "organisation", "organizationname", "accountname");
        lead("email", "email", "emailaddress", "workemail", "primaryemail");
        lead("phone", "phone", "phonenumber", "mobilephone", "mobile", "workphone", "telephone");
        lead("source", "source", "leadsource", "originalsource", "sourcechannel");
        lead("sourceDetail", "sourcedetail", "originalsourcedrilldown1", "campaign", "sourceorigin");
        lead("status", "status", "leadstatus", "hsleadstatus");
        lead("disqualifiedReason", "disqualifiedreason", "unqualifiedreason", "disqualificationreason");
        lead("notes", "notes", "description", "note");
        lead("owner", "owner", "owneremail", "leadowner", "contactowner", "ownername");
        // Salesforce opportunities (Name, Account.Name, AccountId, StageName, Amount, CurrencyIsoCode, CloseDate),
        // HubSpot deals (Deal Name, Associated Company, Pipeline, Deal Stage, Close Date, Deal owner) and
        // Pipedrive deals (Deal - Title, Deal - Organization, Deal - Value, Deal - Expected close date)
        deal("externalId", "externalid", "recordid", "id", "dealid", "opportunityid");
        deal("name", "name", "dealname", "title", "opportunityname", "dealtitle");
        deal("account", "account", "accountname", "company", "companyname", "organization", "organisation",
                "organizationname", "associatedcompany");
        deal("accountExternalId", "accountexternalid", "accountid", "companyid", "organizationid");
        deal("pipeline", "pipeline", "dealpipeline");
        deal("stage", "stage", "stagename", "dealstage");
        deal("amount", "amount", "value", "dealvalue", "dealamount");
        deal("currency", "currency", "currencyisocode", "dealcurrency", "currencycode");
        deal("expectedCloseDate", "expectedclosedate", "closedate", "expectedclose");
        deal("owner", "owner", "owneremail", "dealowner", "opportunityowner", "ownername");
        deal("status", "status", "dealstatus");
        // closed deals: Salesforce CreatedDate, HubSpot Create Date and Closed Lost Reason, Pipedrive Deal created,
        // Deal closed on and Lost reason (Salesforce has no lost reason of its own: Loss_Reason__c is a common one)
        deal("createdDate", "createddate", "createdate", "dealcreated", "created", "createdon", "createdat", "datecreated");
        deal("closedDate", "closeddate", "actualclosedate", "dealclosedon", "closedon", "closetime", "dateclosed",
                "closedat");
        deal("lostReason", "lostreason", "closedlostreason", "lossreason", "reasonlost", "lossreasonc", "lostreasonc");
        deal("paid", "paid", "ispaid", "invoicepaid");
        deal("paidOn", "paidon", "paiddate", "paymentdate", "datepaid");
        deal("notes", "notes", "description", "note");
        // Salesforce assets (Id, Account.Name, AccountId, Product2.Name, Quantity, InstallDate, PurchaseDate,
        // UsageEndDate, SerialNumber, Description); products are known by name in Tickler's catalogue
        installed("externalId", "externalid", "id", "assetid", "recordid");
        installed("account", "account", "accountname", "company", "companyname", "organization", "organisation",
                "organizationname", "customer", "customername");
        installed("accountExternalId", "accountexternalid", "accountid", "companyid", "organizationid");
        installed("product", "product", "productname", "product2name", "item", "itemname");
        installed("quantity", "quantity", "qty");
        installed("installDate", "installdate", "installationdate", "installedon", "dateinstalled", "purchasedate");
        installed("warrantyEnd", "warrantyend", "warrantyenddate", "warrantyexpiry", "warrantyexpires",
                "warrantyexpirationdate");
        installed("serviceEnd", "serviceend", "serviceenddate", "contractend", "contractenddate", "renewaldate",
                "expirydate", "expirationdate");
        installed("endOfLife", "endoflife", "usageenddate", "eol", "endoflifedate");
        installed("serialNumber", "serialnumber", "serial", "serialno");
        installed("notes", "notes", "description", "note");
        // Salesforce tasks and events (Id, Who.Email, WhoId — a contact's or a lead's —, Lead ID, Lead.Email,
        // AccountId, Account.Name, WhatId, Type, TaskSubtype, CallType, CallDisposition, ActivityDate,
        // CompletedDateTime, Status, Subject, Description, Owner.Email), HubSpot
        // engagements (Activity ID, Activity type, Activity date, Call direction, Call outcome, Associated Contact
        // email, Associated Company, Associated Deal, Activity assigned to) and Pipedrive activities (ID, Type,
        // Subject, Due date, Due time, Done, Note, Person - Email, Organization, Deal - Title, Assigned to user)
        touch("externalId", "externalid", "id", "activityid", "engagementid", "taskid", "eventid", "recordid");
        touch("contactEmail", "contactemail", "email", "whoemail", "personemail", "associatedcontactemail",
                "contactemailaddress", "emailaddress", "associatedcontact", "attendeeemail");
        touch("contactExternalId", "contactexternalid", "contactid", "whoid", "personid", "associatedcontactid");
        touch("leadEmail", "leademail", "leademailaddress");
        touch("leadExternalId", "leadexternalid", "leadid");
        touch("account", "account", "accountname", "company", "companyname", "organization", "organisation",
                "organizationname", "associatedcompany");
        touch("accountExternalId", "accountexternalid", "accountid", "companyid", "organizationid",
                "associatedcompanyid");
        touch("deal", "deal", "dealname", "dealtitle", "opportunity", "opportunityname", "associateddeal");
        touch("dealExternalId", "dealexternalid", "dealid", "opportunityid", "whatid", "associateddealid");
        touch("channel", "channel", "type", "activitytype", "engagementtype", "tasksubtype", "eventsubtype",
                "kind");
        touch("direction", "direction", "calltype", "calldirection", "emaildirection");
        touch("outcome", "outcome", "calloutcome", "calldisposition", "disposition", "callresult", "result",
                "meetingoutcome");
        touch("occurredAt", "occurredat", "completeddatetime", "activitydate", "date", "duedate", "activitydatetime",
                "startdatetime", "timestamp", "markedasdonetime", "createddate", "createdate", "time");
        touch("occurredTime", "occurredtime", "duetime");
        touch("done", "done", "status", "completed", "taskstatus", "isclosed");
        touch("subject", "subject", "title", "activitysubject", "emailsubject", "calltitle", "meetingname");
        touch("notes", "notes", "note", "description", "body", "comments", "callnotes", "emailbody", "meetingnotes",
                "activitynote");
        touch("loggedBy", "loggedby", "owner", "owneremail", "ownername", "assignedto", "assignedtouser",
                "activityassignedto", "hubspotowner", "user", "createdby", "activityowner");
    }

    private static void touch(String key, String... headers) {
        for (String header : headers) {
            TOUCH.put(header, key);
        }
    }

    private static void installed(String key, String... headers) {
        for (String header : headers) {
            INSTALLED_PRODUCT.put(header, key);
        }
    }

    private static void deal(String key, String... headers) {
        for (String header : headers) {
            DEAL.put(header, key);
        }
    }

    private static void lead(String key, String... headers) {
        for (String header : headers) {
            LEAD.put(header, key);
        }
    }

    private static void common(String key, String... headers) {
        for (String header : headers) {
            COMMON.put(header, key);
        }
    }

    private static void contact(String key, String... headers) {
        for (String header : headers) {
            CONTACT.put(header, key);
        }
    }

    private static void account(String key, String... headers) {
        for (String header : headers) {
            ACCOUNT.put(header, key);
        }
    }

    private final CustomFields customFields;

    ImportFields(CustomFields customFields) {
        this.customFields = customFields;
    }

    /** Every field of the entity a column may be mapped to, custom fields last. */
    List<Field> of(ImportEntity entity) {
        List<Field> fields = new ArrayList<>();
        List<String> own = switch (entity) {
            case CONTACT -> CONTACT_FIELDS;
            case ACCOUNT -> ACCOUNT_FIELDS;
            case LEAD -> LEAD_FIELDS;
            case DEAL -> DEAL_FIELDS;
            case INSTALLED_PRODUCT -> INSTALLED_PRODUCT_FIELDS;
            case TOUCH -> TOUCH_FIELDS;
        };
        for (String key : own) {
            fields.add(new Field(key, null));
        }
        if (entity != ImportEntity.TOUCH) {
            // touches have no custom fields
            for (CustomField custom : customFields.of(entity.key(), false)) {
                fields.add(new Field("custom." + custom.key(), custom.label()));
            }
        }
        return fields;
    }

    boolean exists(ImportEntity entity, String key) {
        return of(entity).stream().anyMatch(f -> f.key().equals(key));
    }

    Map<String, CustomField> custom(ImportEntity entity) {
        Map<String, CustomField> byKey = new HashMap<>();
        if (entity == ImportEntity.TOUCH) {
            return byKey;
        }
        customFields.of(entity.key(), false).forEach(f -> byKey.put(f.key(), f));
        return byKey;
    }

    /** A field for each header that names one, each field at most once (the first header wins). */
    Map<Integer, String> suggest(ImportEntity entity, List<String> headers) {
        Map<String, String> custom = new HashMap<>();
        for (CustomField field : entity == ImportEntity.TOUCH ? List.<CustomField>of() : customFields.of(entity.key(), false)) {
            custom.put(normal(field.key()), "custom." + field.key());
            custom.put(normal(field.label()), "custom." + field.key());
        }
        Map<Integer, String> mapping = new LinkedHashMap<>();
        java.util.Set<String> taken = new java.util.HashSet<>();
        for (int i = 0; i < headers.size(); i++) {
            String header = headers.get(i);
            String key = null;
            if (header.startsWith("custom.") && exists(entity, header)) {
                key = header;
            }
            if (header.equals(Formulas.EXPORT_MARKER)) {
                key = "id";
            }
            String normal = normal(strippedPrefix(header));
            if (key == null && entity == ImportEntity.TOUCH) {
                // "Deal - Title", "Person - Email", "Organization - Name" name the activity's records
                key = TOUCH.get(normal(header));
            }
            if (key == null) {
                key = (switch (entity) {
                    case CONTACT -> CONTACT;
                    case ACCOUNT -> ACCOUNT;
                    case LEAD -> LEAD;
                    case DEAL -> DEAL;
                    case INSTALLED_PRODUCT -> INSTALLED_PRODUCT;
                    case TOUCH -> TOUCH;
                }).get(normal);
            }
            if (key == null && (entity == ImportEntity.CONTACT || entity == ImportEntity.ACCOUNT)) {
                key = COMMON.get(normal);
            }
            if (key == null) {
                key = custom.get(normal);
            }
            if (key != null && taken.add(key)) {
                mapping.put(i, key);
            }
        }
        return mapping;
    }

    /** Pipedrive names its columns "Person - Email", "Organization - Name". */
    private static String strippedPrefix(String header) {
        String lower = header.toLowerCase(Locale.ROOT);
        for (String prefix : List.of("person - ", "organization - ", "organisation - ", "contact - ", "account - ",
                "deal - ", "activity - ")) {
            if (lower.startsWith(prefix)) {
                String rest = header.substring(prefix.length());
                // "Organization - Name" on a person export is the person's organisation
                return prefix.startsWith("organi") && lower.startsWith(prefix) && rest.equalsIgnoreCase("name")
                        ? "organization name" : rest;
            }
        }
        if (lower.startsWith("account.")) {
            return "account " + header.substring("account.".length());
        }
        return header;
    }

    static String normal(String header) {
        return header == null ? "" : header.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]", "");
    }
}
