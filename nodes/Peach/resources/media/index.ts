import { resourceProperties } from '../../shared/operation';
import { createDirectUpload } from './createDirectUpload';
import { deleteMedia } from './delete';
import { finalizeDirectUpload } from './finalizeDirectUpload';
import { getManyMedias } from './getMany';
import { uploadMedia } from './upload';
import { uploadFromUrl } from './uploadFromUrl';

export const mediaProperties = resourceProperties(
	'media',
	[uploadMedia, createDirectUpload, finalizeDirectUpload, uploadFromUrl, getManyMedias, deleteMedia],
	'upload',
);
