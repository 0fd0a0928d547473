/**
 * Keystone's admin UI reads its lists' and fields' labels, descriptions and select options from one GraphQL query
 * (`keystone.adminMeta`), sent by the browser with its `Accept-Language`. Wrapping those fields' resolvers gives a
 * Chinese browser the Chinese words of admin/admin/i18n.ts and leaves English (Keystone's words) to everyone else.
 */
import { defaultFieldResolver, GraphQLObjectType, type GraphQLFieldResolver, type GraphQLSchema } from 'graphql';
import type { IncomingMessage } from 'node:http';
import { languageFromHeader, type Language } from '../api/i18n';
import { FIELD_DESCRIPTIONS_ZH_CN, FIELD_LABELS_ZH_CN, LIST_NAMES_ZH_CN, OPTION_LABELS_ZH_CN } from './admin/i18n';

interface ListMetaSource {
  key: string;
}

interface FieldMetaSource {
  listKey: string;
  key: string;
}

type Translate<Source> = (value: unknown, source: Source, language: Language) => unknown;

function languageOf(context: unknown): Language {
  return languageFromHeader((context as { req?: IncomingMessage } | undefined)?.req?.headers['accept-language']);
}

/** Replaces a field's resolver by one that translates what the original resolves to (English stays as it is). */
function translateField<Source>(schema: GraphQLSchema, typeName: string, fieldName: string, translate: Translate<Source>): void {
  const type = schema.getType(typeName);
  const field = type instanceof GraphQLObjectType ? type.getFields()[fieldName] : undefined;
  // Keystone renamed or dropped it: the build fails here rather than the admin quietly going English.
  if (field === undefined) throw new Error(`Keystone's schema has no ${typeName}.${fieldName} to translate`);
  const resolve: GraphQLFieldResolver<unknown, unknown> = field.resolve ?? defaultFieldResolver;
  field.resolve = async (source, args, context, info) => {
    const value = await resolve(source, args, context, info);
    const language = languageOf(context);
    return language === 'en' ? value : translate(value, source as Source, language);
  };
}

/** The select options of a field's meta with their labels in Chinese, where the catalogue has them. */
function translatedOptions(value: unknown, { listKey, key }: FieldMetaSource): unknown {
  const labels = OPTION_LABELS_ZH_CN[listKey]?.[key];
  const meta = value as { options?: { label: string; value: unknown }[] } | null;
  if (labels === undefined || !Array.isArray(meta?.options)) return value;
  return { ...meta, options: meta.options.map((option) => ({ ...option, label: labels[String(option.value)] ?? option.label })) };
}

/** For `graphql.extendGraphqlSchema`: the admin meta in the language of each request. */
export function translateAdminMeta(schema: GraphQLSchema): GraphQLSchema {
  for (const name of ['label', 'singular', 'plural'] as const) {
    translateField<ListMetaSource>(schema, 'KeystoneAdminUIListMeta', name, (value, { key }) => LIST_NAMES_ZH_CN[key]?.[name] ?? value);
  }
  translateField<FieldMetaSource>(schema, 'KeystoneAdminUIFieldMeta', 'label', (value, { listKey, key }) => FIELD_LABELS_ZH_CN[listKey]?.[key] ?? value);
  translateField<FieldMetaSource>(schema, 'KeystoneAdminUIFieldMeta', 'description', (value, { listKey, key }) => FIELD_DESCRIPTIONS_ZH_CN[listKey]?.[key] ?? value);
  translateField<FieldMetaSource>(schema, 'KeystoneAdminUIFieldMeta', 'fieldMeta', translatedOptions);
  return schema;
}
